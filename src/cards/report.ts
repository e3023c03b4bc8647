import { DateTime } from 'luxon';
import type { CaseRecord, EmployerReport, QuotedFitNote } from '../domain/case';
import { currentNoteOf } from '../domain/caseSummary';
import { formatDate, type IsoDate } from '../domain/dates';
import {
  DIFFICULTY_ROWS,
  difficultyField,
  EMPLOYER_REPORT_FIELDS,
  goalField,
  issuerProfessionOf,
  lastAssessment,
  reportSchedule,
  type ReportWeek,
} from '../domain/employerReport';
import type { FieldErrors } from '../domain/form';
import type { PractitionerDetails } from '../domain/staff';
import {
  choicesOf,
  FIT_NOTE_ADVICE,
  HCPC_PROFESSIONS,
  REPORT_ASSESSMENT_MODES,
  REPORT_FITNESS,
  REPORT_RECOMMENDATIONS,
  REPORT_REVIEW,
} from '../domain/vocabulary';
import { caseSubtitle, errorSummary, formErrors, formValues } from './forms';
import { noticeCard } from './notice';
import { renderCard, type AdaptiveCard } from './render';

type Fact = { title: string; value: string };

/** What the employer report says, shared by the card and the PDF so that both say the same. */
export interface EmployerReportContent {
  ref: string;
  subtitle: string;
  patientFacts: Fact[];
  assessment: string;
  condition: string;
  fitness: string;
  recommendations: Fact[];
  effects: string;
  difficulties: Fact[];
  schedule: ReturnType<typeof reportScheduleRows>;
  adjustments: string;
  closingFacts: Fact[];
  footer: string;
}

const dayOf = (d: IsoDate) => DateTime.fromISO(d, { zone: 'UTC' }).toFormat('ccc d LLL');

/** The schedule's rows: each week commences on a Monday; a mid-week start says its day. */
export function reportScheduleRows(weeks: ReportWeek[]) {
  return weeks.map((w) => {
    const from = w.from ? ` (from ${dayOf(w.from)})` : '';
    return {
      week: formatDate(w.weekCommencing),
      phase: w.phase === null ? `Full return${from}` : `${w.phase}${from}`,
      hours: String(w.hoursPerWeek),
      days: w.daysPerWeek === null ? 'as contracted' : String(w.daysPerWeek),
      duties: w.duties,
    };
  });
}

/** Who may issue a fit note since July 2022 (CONTRACT §3 `issuerProfession`). */
const ISSUER_PROFESSIONS: Record<string, string> = {
  doctor: 'doctor',
  nurse: 'nurse',
  occupational_therapist: 'occupational therapist',
  pharmacist: 'pharmacist',
  physiotherapist: 'physiotherapist',
};

/** A fit note as the report quotes it, with its issuer and their profession where recorded. */
export function quotedNoteText(n: QuotedFitNote): string {
  const period = n.endDate
    ? `${formatDate(n.startDate)} to ${formatDate(n.endDate)}`
    : `from ${formatDate(n.startDate)}, no end date`;
  const profession = n.issuerProfession ? (ISSUER_PROFESSIONS[n.issuerProfession] ?? n.issuerProfession) : '';
  const by = n.issuedBy
    ? `, issued by ${n.issuedBy}${profession ? ` (${profession})` : ''}`
    : profession
      ? `, issued by a ${profession}`
      : '';
  const advice = n.advice.length
    ? ` Advice on the note: ${n.advice.map((a) => FIT_NOTE_ADVICE.labels[a].toLowerCase()).join(', ')}.`
    : '';
  return n.status === 'not_fit'
    ? `Not fit for work: fit note (Med3) ${period}${by}.`
    : `May be fit for work, taking into account the advice in this report: fit note (Med3) ${period}${by}.${advice}`;
}

/** The report's fitness statement: only what the fit note or the practitioner's own assessment says. */
function fitnessText(r: EmployerReport): string {
  const own = `(the practitioner's own assessment on ${formatDate(r.assessedOn)})`;
  switch (r.fitness) {
    case 'fit_note':
      return r.fitNote ? quotedNoteText(r.fitNote) : 'This report makes no statement about fitness for work.';
    case 'may_be_fit':
      return `May be fit for work, taking into account the advice in this report ${own}.`;
    case 'not_fit':
      return `Not fit for work at present ${own}.`;
    default:
      return 'This report makes no statement about fitness for work.';
  }
}

/** The employer report as saved (`report.submit`): null when none has been saved. */
export function employerReportContent(c: CaseRecord): EmployerReportContent | null {
  const r = c.employerReport;
  if (!r) return null;
  const plan = r.plan;
  const p = r.practitioner;
  const chosen = new Set(r.recommendations);
  const patientFacts: Fact[] = [
    { title: 'Patient', value: c.patient.name },
    { title: 'Date of birth', value: formatDate(c.patient.dateOfBirth) },
    { title: 'Occupation', value: c.referral.occupation ?? 'Not recorded' },
    { title: 'Employer', value: c.referral.employer ?? 'Not recorded' },
    { title: 'Employer contact', value: plan?.employerContact ?? 'Not recorded' },
  ];
  const closingFacts: Fact[] = [
    { title: 'This advice covers', value: `${formatDate(r.adviceFrom)} to ${formatDate(r.adviceTo)}` },
    {
      title: 'Review',
      value: r.review && r.reviewOn ? `I will review the patient by ${formatDate(r.reviewOn)}` : 'No review is planned',
    },
    ...(plan
      ? [
          { title: 'Target return to full hours', value: formatDate(plan.targetReturnDate) },
          { title: 'Contracted hours', value: `${plan.contractedHours} per week` },
        ]
      : []),
    { title: 'Practitioner', value: p.name },
    {
      title: 'Profession',
      value: (HCPC_PROFESSIONS.labels as Record<string, string>)[p.profession] ?? p.profession,
    },
    { title: 'HCPC registration number', value: p.registrationNumber },
    { title: 'Organisation', value: p.organisation },
    { title: 'Contact', value: p.contactDetails },
    { title: 'Date of report', value: formatDate(r.reportDate) },
  ];
  return {
    ref: c.ref,
    subtitle: `${c.ref} · AHP Health and Work Report format · shared with the patient's consent`,
    patientFacts,
    assessment: `I assessed the patient on ${formatDate(r.assessedOn)} (${REPORT_ASSESSMENT_MODES.labels[r.assessedBy].toLowerCase()}).`,
    condition: r.condition ? `Condition: ${r.condition}` : '',
    fitness: fitnessText(r),
    recommendations: REPORT_RECOMMENDATIONS.values.map((k) => ({
      title: REPORT_RECOMMENDATIONS.labels[k],
      value: chosen.has(k) ? 'Yes' : 'No',
    })),
    effects: r.functionalEffects ?? 'None written by the practitioner.',
    difficulties: r.difficulties.map((d) => ({ title: d.difficulty, value: d.goal })),
    schedule: plan ? reportScheduleRows(reportSchedule(plan)) : [],
    adjustments: plan?.adjustments ?? 'None recorded.',
    closingFacts,
    footer:
      'This report is advice about the patient’s return to work. It is not binding on the employer, who decides what adjustments they can make. Please contact the practitioner with any questions.',
  };
}

/**
 * What changed since the report was saved, for the practitioner's eyes only (the PDF is what was
 * saved): a newer plan, or a fit note that is no longer the one in force.
 */
export function reportWarnings(c: CaseRecord, today: IsoDate): string {
  const r = c.employerReport;
  if (!r) return '';
  const out: string[] = [];
  if (c.plan && r.plan && c.plan.revision !== r.plan.revision)
    out.push('The plan has changed since this report was saved; the report still shows the plan as it was then.');
  const note = currentNoteOf(c, today);
  if ((note?.id ?? null) !== (r.fitNote?.id ?? null))
    out.push(
      note
        ? 'A different fit note is in force today than when this report was saved.'
        : 'The fit note quoted by this report is no longer in force.',
    );
  if (r.adviceTo < today) out.push(`The period this advice covers ended on ${formatDate(r.adviceTo)}.`);
  return out.length ? `${out.join(' ')} Change the report and save it again before sending it.` : '';
}

/** The saved employer report (the AHP Health and Work Report's parts), with "Download as PDF" and "Change the report". */
export function reportCard(
  c: CaseRecord,
  today: IsoDate,
  opts: { download?: { url: string; until: string }; banner?: string } = {},
): AdaptiveCard {
  const content = employerReportContent(c);
  if (!content) return noReportCard(c);
  // The PDF button asks for a fresh one-time link when pressed: a link made with the card would expire unread.
  return renderCard('report', {
    ...content,
    caseId: c.id,
    banner: opts.banner ?? '',
    warning: reportWarnings(c, today),
    pdfButton: opts.download ? 'New PDF link' : 'Download as PDF',
    download: opts.download?.url ?? '',
    downloadNote: opts.download
      ? `PDF ready: “Open the PDF” works once, until ${opts.download.until}. Do not forward the link.`
      : '',
  });
}

export interface ReportFormOptions {
  today: IsoDate;
  /** What the card sent (re-shown with values kept); absent: the saved report, else defaults. */
  data?: Record<string, unknown>;
  errors?: FieldErrors;
  /** The reader's AHP details from their staff record, filled in for them. */
  practitioner?: PractitionerDetails;
  /** Who is filling in the form: a saved report's practitioner details are filled in only for its author. */
  readerId?: string;
}

/** The form's values: what was typed, else the saved report, else what is recorded (never a recommendation). */
function reportFormData(c: CaseRecord, opts: ReportFormOptions): Record<string, unknown> {
  if (opts.data) return opts.data;
  const r = c.employerReport;
  const p = opts.practitioner;
  const practitioner = p
    ? {
        profession: p.profession,
        registrationNumber: p.registrationNumber,
        organisation: p.organisation,
        contactDetails: p.contactDetails,
      }
    : {};
  if (r) {
    const data: Record<string, unknown> = {
      assessedOn: r.assessedOn,
      assessedBy: r.assessedBy,
      condition: r.condition ?? '',
      fitness: r.fitness,
      recommendations: r.recommendations.join(','),
      functionalEffects: r.functionalEffects ?? '',
      adviceFrom: r.adviceFrom,
      adviceTo: r.adviceTo,
      review: r.review ? 'yes' : 'no',
      reviewOn: r.reviewOn ?? '',
      // The author's details only for the author: whoever saves the report is named as its practitioner.
      ...(r.practitioner.aadObjectId === opts.readerId
        ? {
            profession: r.practitioner.profession,
            registrationNumber: r.practitioner.registrationNumber,
            organisation: r.practitioner.organisation,
            contactDetails: r.practitioner.contactDetails,
          }
        : {}),
      ...practitioner,
    };
    r.difficulties.forEach((d, i) => {
      data[difficultyField(i + 1)] = d.difficulty;
      data[goalField(i + 1)] = d.goal;
    });
    return data;
  }
  const seen = lastAssessment(c, opts.today);
  return {
    ...(seen ? { assessedOn: seen.date, assessedBy: seen.mode } : {}),
    ...(currentNoteOf(c, opts.today) ? { fitness: 'fit_note' } : {}),
    adviceFrom: opts.today,
    ...practitioner,
  };
}

/**
 * The employer report form: the practitioner states what the report says. Fitness comes from the
 * fit note in force or their own assessment; recommendations are ticked by them; difficulties and
 * functional effects are written by them. Their profession, HCPC number, organisation and contact
 * are filled in from their staff record.
 */
export function reportFormCard(c: CaseRecord, submissionId: string, opts: ReportFormOptions): AdaptiveCard {
  const data = reportFormData(c, opts);
  const errors = opts.errors ?? {};
  const values = formValues(EMPLOYER_REPORT_FIELDS, data);
  const note = currentNoteOf(c, opts.today);
  const seen = lastAssessment(c, opts.today);
  const rows = Array.from({ length: DIFFICULTY_ROWS }, (_, i) => {
    const n = i + 1;
    return {
      n,
      difficultyId: difficultyField(n),
      difficulty: values[difficultyField(n)],
      difficultyError: errors[difficultyField(n)] ?? '',
      goalId: goalField(n),
      goal: values[goalField(n)],
      goalError: errors[goalField(n)] ?? '',
    };
  });
  const saved = c.employerReport;
  const otherAuthor = saved && opts.readerId && saved.practitioner.aadObjectId !== opts.readerId;
  return renderCard('report-form', {
    title: saved ? 'Change the employer report' : 'Employer report',
    subtitle: caseSubtitle(c),
    intro:
      'The return-to-work report for the employer, in the shape of the AHP Health and Work Report. It says only what you enter here, with the plan and the fit note in force: nothing from session notes goes to the employer.',
    summary: errorSummary(errors),
    banner: saved
      ? `Saved by ${saved.practitioner.name} on ${formatDate(saved.reportDate)}. Saving again replaces it${
          otherAuthor ? ' and names you as its practitioner, with your own profession and registration' : ''
        }.`
      : seen
        ? ''
        : 'No assessment contact with the patient (home visit, clinic, telephone or video) is recorded yet: enter the date and way you assessed them.',
    caseId: c.id,
    submissionId,
    values,
    errors: formErrors(EMPLOYER_REPORT_FIELDS, errors),
    rows,
    fitNoteToday: note
      ? `Fit note in force today: ${quotedNoteText({ ...note, ...issuerProfessionOf(note) })}`
      : 'No fit note is in force today: the report can state fitness only from your own assessment.',
    practitionerNote:
      'Kept on your staff record and filled in on your next report. The report names you as its author.',
    choices: {
      assessedBy: choicesOf(REPORT_ASSESSMENT_MODES),
      fitness: choicesOf(REPORT_FITNESS),
      recommendations: choicesOf(REPORT_RECOMMENDATIONS),
      review: choicesOf(REPORT_REVIEW),
      profession: choicesOf(HCPC_PROFESSIONS),
    },
  });
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

/** No PDF before a report is saved: the report says only what the practitioner entered. */
export function noReportCard(record: Pick<CaseRecord, 'ref'>): AdaptiveCard {
  return noticeCard(
    `No report saved for ${record.ref} yet`,
    `Fill in the employer report first ("report ${record.ref}"): it says only what you enter and save.`,
    'warning',
  );
}
