import type { CaseRecord } from '../domain/case';
import { fitNoteText } from './case';
import { currentNoteOf, lastContact, recentSessions } from '../domain/caseSummary';
import { formatDate, type IsoDate } from '../domain/dates';
import { planSchedule } from '../domain/plan';
import { EVENT_TYPES, JOB_DEMANDS, SESSION_TOPICS } from '../domain/vocabulary';
import { noticeCard } from './notice';
import { renderCard, type AdaptiveCard } from './render';
import { scheduleRows } from './plan';

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

/** Why there is no employer report (card or PDF): the patient's consent to share is missing. */
export function noConsentCard(record: Pick<CaseRecord, 'ref' | 'plan'>): AdaptiveCard {
  return noticeCard(
    `No report for ${record.ref}: consent is missing`,
    record.plan
      ? `The patient has not agreed to share the plan with their employer. When they do, tick the consent on the plan ("plan ${record.ref}") and ask for the report again.`
      : `There is no return-to-work plan yet, and no consent to share one with the employer. Start with "plan ${record.ref}".`,
    'warning',
  );
}
