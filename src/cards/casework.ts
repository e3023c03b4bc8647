import type { CaseRecord } from '../domain/case';
import { STATUS_LABELS } from '../domain/case';
import { contactText, fitNoteText } from './case';
import { currentNoteOf, lastContact, recentSessions } from '../domain/caseSummary';
import { formatDate, type IsoDate } from '../domain/dates';
import { DISCHARGE_FIELDS } from '../domain/discharge';
import { FIT_NOTE_FIELDS } from '../domain/fitNoteForm';
import type { FieldErrors } from '../domain/form';
import { formatNhsNumber } from '../domain/nhsNumber';
import {
  MAX_PHASES,
  PLAN_FIELDS,
  phaseField,
  phaseRowCount,
  planSchedule,
  planStatus,
  type ScheduleWeek,
} from '../domain/plan';
import { SESSION_FIELDS } from '../domain/session';
import {
  choicesOf,
  DISCHARGE_OUTCOMES,
  EVENT_TYPES,
  FIT_NOTE_ADVICE,
  FIT_NOTE_STATUSES,
  JOB_DEMANDS,
  SESSION_MODES,
  SESSION_TOPICS,
} from '../domain/vocabulary';
import type { CaseloadPage } from '../services/caseload';
import { errorSummary, formErrors, formValues } from './forms';
import { renderCard, type AdaptiveCard } from './render';

function subtitle(c: Pick<CaseRecord, 'ref' | 'patient'>): string {
  return `${c.ref} · ${c.patient.name} · NHS ${formatNhsNumber(c.patient.nhsNumber)}`;
}

type Who = Pick<CaseRecord, 'id' | 'ref' | 'patient'>;

export function sessionFormCard(
  c: Who,
  submissionId: string,
  data: Record<string, unknown> = {},
  errors?: FieldErrors,
): AdaptiveCard {
  return renderCard('session-form', {
    title: 'Log a session',
    subtitle: subtitle(c),
    summary: errorSummary(errors),
    caseId: c.id,
    submissionId,
    values: formValues(SESSION_FIELDS, data),
    errors: formErrors(SESSION_FIELDS, errors),
    choices: { mode: choicesOf(SESSION_MODES), topics: choicesOf(SESSION_TOPICS) },
  });
}

export function fitNoteFormCard(
  c: Who,
  submissionId: string,
  data: Record<string, unknown> = {},
  errors?: FieldErrors,
): AdaptiveCard {
  const values = formValues(FIT_NOTE_FIELDS, data);
  if (!values.reassessmentNeeded) values.reassessmentNeeded = 'false';
  return renderCard('fitnote-form', {
    title: 'Record a fit note (Med3)',
    subtitle: subtitle(c),
    summary: errorSummary(errors),
    caseId: c.id,
    submissionId,
    values,
    errors: formErrors(FIT_NOTE_FIELDS, errors),
    choices: { status: choicesOf(FIT_NOTE_STATUSES), advice: choicesOf(FIT_NOTE_ADVICE) },
  });
}

export function dischargeFormCard(
  c: Who,
  submissionId: string,
  data: Record<string, unknown> = {},
  errors?: FieldErrors,
): AdaptiveCard {
  return renderCard('discharge-form', {
    title: 'Discharge',
    subtitle: `${subtitle(c)}. The case leaves caseloads and digests but can still be found.`,
    summary: errorSummary(errors),
    caseId: c.id,
    submissionId,
    values: formValues(DISCHARGE_FIELDS, data),
    errors: formErrors(DISCHARGE_FIELDS, errors),
    choices: { outcome: choicesOf(DISCHARGE_OUTCOMES) },
  });
}

/** The decline form given back when Decline was pressed without a reason. */
export function declineFormCard(data: Record<string, unknown>, errors?: FieldErrors): AdaptiveCard {
  return renderCard('decline-form', {
    title: 'Decline this referral',
    subtitle: 'Say why, so that the referrer knows what to do next.',
    summary: errorSummary(errors),
    caseId: typeof data.caseId === 'string' ? data.caseId : '',
    submissionId: '',
    values: formValues(['reason'], data),
    errors: formErrors(['reason'], errors),
  });
}

export function scheduleRows(weeks: ScheduleWeek[]) {
  return weeks.map((w) => ({
    week: formatDate(w.weekCommencing),
    phase: w.phase === null ? 'Full return' : String(w.phase),
    hours: String(w.hoursPerWeek),
    days: w.daysPerWeek === null ? 'as contracted' : String(w.daysPerWeek),
    duties: w.duties,
  }));
}

/** The plan form's values: from what was typed (re-shown), else from the saved plan. */
function planData(c: CaseRecord): Record<string, unknown> {
  const p = c.plan;
  if (!p) return c.referral.hoursPerWeek !== undefined ? { contractedHours: c.referral.hoursPerWeek } : {};
  const data: Record<string, unknown> = {
    targetReturnDate: p.targetReturnDate,
    contractedHours: p.contractedHours,
    adjustments: p.adjustments ?? '',
    employerContact: p.employerContact ?? '',
    employerConsent: p.employerConsent ? 'true' : 'false',
    rows: p.phases.length,
  };
  p.phases.forEach((ph, i) => {
    data[phaseField(i + 1, 'Start')] = ph.start;
    data[phaseField(i + 1, 'Hours')] = ph.hoursPerWeek;
    data[phaseField(i + 1, 'Days')] = ph.daysPerWeek;
    data[phaseField(i + 1, 'Duties')] = ph.duties ?? '';
  });
  return data;
}

export interface PlanFormOptions {
  /** What the card sent (re-shown with values kept); absent: the saved plan. */
  data?: Record<string, unknown>;
  errors?: FieldErrors;
  /** Show one more phase row than the card had (`plan.addPhase`). */
  addRow?: boolean;
  banner?: string;
}

/**
 * The plan card. Its hidden `etag` is the saved plan's revision (or "new"), which the save checks so
 * that a card opened before somebody else's save cannot overwrite it.
 */
export function planFormCard(c: CaseRecord, submissionId: string, opts: PlanFormOptions = {}): AdaptiveCard {
  const data = opts.data ?? planData(c);
  let rows = phaseRowCount(data);
  if (opts.addRow) rows = Math.min(rows + 1, MAX_PHASES);
  const errors = opts.errors ?? {};
  const values = formValues(PLAN_FIELDS, data);
  if (!values.employerConsent) values.employerConsent = 'false';
  const str = (v: unknown) => (typeof v === 'string' ? v.slice(0, 300) : typeof v === 'number' ? String(v) : '');
  const phases = Array.from({ length: rows }, (_, i) => {
    const n = i + 1;
    const f = (part: 'Start' | 'Hours' | 'Days' | 'Duties') => phaseField(n, part);
    return {
      n,
      startId: f('Start'),
      start: str(data[f('Start')]),
      startError: errors[f('Start')] ?? '',
      hoursId: f('Hours'),
      hours: str(data[f('Hours')]),
      hoursError: errors[f('Hours')] ?? '',
      daysId: f('Days'),
      days: str(data[f('Days')]),
      daysError: errors[f('Days')] ?? '',
      dutiesId: f('Duties'),
      duties: str(data[f('Duties')]),
      dutiesError: errors[f('Duties')] ?? '',
    };
  });
  const p = c.plan;
  // The etag the card was opened with travels on unchanged through re-renders: it is what was seen.
  // Anything that is not a plain token cannot be a revision: it will be refused as stale, not echoed.
  const etag =
    opts.data && typeof opts.data.etag === 'string'
      ? /^[A-Za-z0-9-]{1,64}$/.test(opts.data.etag)
        ? opts.data.etag
        : 'unknown'
      : (p?.revision ?? 'new');
  return renderCard('plan-form', {
    title: p ? 'Phased return-to-work plan' : 'New phased return-to-work plan',
    subtitle: subtitle(c),
    summary: errorSummary(errors),
    banner: opts.banner ?? '',
    caseId: c.id,
    submissionId,
    etag,
    rows,
    values,
    errors: formErrors(PLAN_FIELDS, errors),
    phases,
    schedule: p ? scheduleRows(planSchedule(p)) : [],
    savedBy: p
      ? `Saved by ${p.updatedBy.name}, ${formatDate(p.updatedAt.slice(0, 10))}. ${p.employerConsent ? 'The patient agrees to share it with the employer.' : 'No consent to share with the employer yet.'}`
      : '',
  });
}

type Fact = { title: string; value: string };

/** What the employer report says, shared by the card and the PDF so that both say the same. */
export interface EmployerReportContent {
  ref: string;
  subtitle: string;
  patientFacts: Fact[];
  fitness: string;
  effects: string;
  recommendations: Fact[];
  schedule: ReturnType<typeof scheduleRows>;
  adjustments: string;
  closingFacts: Fact[];
  footer: string;
}

/** The employer report in the shape of the AHP Health and Work Report. */
export function reportCard(
  c: CaseRecord,
  today: IsoDate,
  opts: { download?: { url: string; until: string }; profession?: string } = {},
): AdaptiveCard {
  // The PDF button asks for a fresh one-time link when pressed: a link made with the card would expire unread.
  return renderCard('report', {
    ...employerReportContent(c, today, opts.profession),
    caseId: c.id,
    pdfButton: opts.download ? 'New PDF link' : 'Download as PDF',
    download: opts.download?.url ?? '',
    downloadNote: opts.download
      ? `PDF ready: “Open the PDF” works once, until ${opts.download.until}. Do not forward the link.`
      : '',
  });
}

export function employerReportContent(
  c: CaseRecord,
  today: IsoDate,
  profession = 'Occupational Therapist',
): EmployerReportContent {
  const plan = c.plan!;
  const note = currentNoteOf(c, today);
  const assessed = lastContact(c)?.date ?? c.acceptedOn ?? c.referral.referredOn;
  const fitness =
    note?.status === 'not_fit'
      ? 'Not fit for work at present (current fit note). The plan below sets out a return when the fit note allows.'
      : 'May be fit for work, taking into account the advice below.';
  const topics = [...new Set(recentSessions(c, 50).flatMap((s) => s.topics))].map(
    (t) => (SESSION_TOPICS.labels as Record<string, string>)[t] ?? t,
  );
  const effects = [
    `Recovering from ${EVENT_TYPES.labels[c.referral.eventType].toLowerCase()} (${formatDate(c.referral.eventDate)}).`,
    topics.length ? `Areas being addressed: ${topics.join(', ').toLowerCase()}.` : '',
    c.referral.jobDemands.length
      ? `Job demands considered: ${c.referral.jobDemands.map((d) => JOB_DEMANDS.labels[d].toLowerCase()).join(', ')}.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  const anyReducedHours = plan.phases.some((p) => p.hoursPerWeek < plan.contractedHours);
  const anyDuties = plan.phases.some((p) => p.duties);
  const advice = new Set(note?.advice ?? []);
  const tick = (yes: boolean) => (yes ? 'Yes' : 'No');
  const recommendations: Fact[] = [
    { title: 'A phased return to work', value: tick(plan.phases.length > 0 || advice.has('phased_return')) },
    { title: 'Altered hours', value: tick(anyReducedHours || advice.has('altered_hours')) },
    { title: 'Amended duties', value: tick(anyDuties || advice.has('amended_duties')) },
    { title: 'Workplace adaptations', value: tick(Boolean(plan.adjustments) || advice.has('workplace_adaptations')) },
  ];
  const nextContact = recentSessions(c, 50)
    .map((s) => s.nextContactDate)
    .filter((d): d is string => Boolean(d && d >= today))
    .sort()[0];
  const review = nextContact ?? plan.targetReturnDate;
  const patientFacts: Fact[] = [
    { title: 'Patient', value: c.patient.name },
    { title: 'Date of birth', value: formatDate(c.patient.dateOfBirth) },
    { title: 'Occupation', value: c.referral.occupation ?? 'Not recorded' },
    { title: 'Employer', value: c.referral.employer ?? 'Not recorded' },
    { title: 'Employer contact', value: plan.employerContact ?? 'Not recorded' },
    { title: 'Assessment date', value: formatDate(assessed) },
    { title: 'Current fit note', value: fitNoteText(note) },
  ];
  const closingFacts: Fact[] = [
    { title: 'Target return to full hours', value: formatDate(plan.targetReturnDate) },
    { title: 'Contracted hours', value: `${plan.contractedHours} per week` },
    { title: 'Review date', value: formatDate(review) },
    { title: 'Practitioner', value: c.assignedOt?.name ?? plan.updatedBy.name },
    { title: 'Profession', value: profession },
    { title: 'Date of report', value: formatDate(today) },
  ];
  return {
    ref: c.ref,
    subtitle: `${c.ref} · AHP Health and Work Report format · shared with the patient's consent`,
    patientFacts,
    fitness,
    effects,
    recommendations,
    schedule: scheduleRows(planSchedule(plan)),
    adjustments: plan.adjustments ?? 'None recorded.',
    closingFacts,
    footer:
      'This report is advice about the patient’s return to work. It is not binding on the employer, who decides what adjustments they can make. Please contact the practitioner with any questions.',
  };
}

/** One caseload page. Rows are short so a full page stays far below Teams' card size limit. */
export function caseloadCard(page: CaseloadPage, today: IsoDate): AdaptiveCard {
  const base = page.all ? 'caseload all' : 'caseload';
  const pager: { title: string; command: string }[] = [];
  if (page.page > 1) pager.push({ title: `Previous page (${page.page - 1})`, command: `${base} ${page.page - 1}` });
  if (page.page < page.pages)
    pager.push({ title: `Next page (${page.page + 1} of ${page.pages})`, command: `${base} ${page.page + 1}` });
  const heading = page.all ? 'Open cases in the service' : 'Your caseload';
  return renderCard('caseload', {
    heading,
    subheading:
      page.total === 0
        ? page.all
          ? 'No open cases.'
          : 'You have no open cases. New referrals come to you as cards to accept.'
        : `${page.total} open case${page.total === 1 ? '' : 's'}${page.pages > 1 ? ` · page ${page.page} of ${page.pages}` : ''}`,
    rows: page.cases.map((c) => {
      const note = currentNoteOf(c, today);
      return {
        ref: c.ref,
        title: `${c.ref} · ${c.patient.name}`,
        detail: [
          STATUS_LABELS[c.status],
          page.all ? (c.assignedOt ? `OT: ${c.assignedOt.name}` : 'no OT yet') : '',
          contactText(c, today),
          note ? `fit note ends ${formatDate(note.endDate)}` : 'no current fit note',
          planStatus(c.plan, today),
        ]
          .filter(Boolean)
          .join(' · '),
      };
    }),
    pager,
  });
}
