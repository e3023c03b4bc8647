import { DateTime } from 'luxon';
import type { CaseRecord, EmployerReport, PlanPhase, ReturnPlan, Session } from './case';
import { addDays, formatDate, type IsoDate } from './dates';
import { choice, multiChoice, optionalDate, optionalText, requiredDate, requiredText } from './fields';
import type { FitNote } from './fitNote';
import { parseFields, type FieldErrors, type FormResult } from './form';
import type { PractitionerDetails } from './staff';
import {
  HCPC_PROFESSIONS,
  REPORT_ASSESSMENT_MODES,
  REPORT_FITNESS,
  REPORT_RECOMMENDATIONS,
  REPORT_REVIEW,
  type HcpcProfession,
  type ReportFitness,
} from './vocabulary';

/**
 * The employer report in the shape of the AHP Health and Work Report (Allied Health Professions
 * Federation): what the practitioner assessed and when, fitness for work only as a fit note or the
 * practitioner's own assessment says, the recommendations they chose, the patient's difficulties
 * with a recommendation or goal for each, the period the advice covers, whether and when they will
 * review, and who they are (profession, HCPC number, organisation, contact). Everything in it is
 * what the practitioner entered on the report card or what was recorded (the plan, the fit note in
 * force): nothing is inferred, and nothing from session notes or topics goes to the employer.
 */

const HCPC_PREFIX: Record<HcpcProfession, string> = {
  occupational_therapist: 'OT',
  physiotherapist: 'PH',
  dietitian: 'DT',
};

/** Difficulty rows on the card (`difficulty<N>` with `goal<N>`): the AHP form's table has about as many. */
export const DIFFICULTY_ROWS = 6;
export const difficultyField = (n: number) => `difficulty${n}`;
export const goalField = (n: number) => `goal${n}`;

export const employerReportShape = {
  assessedOn: requiredDate('the date you assessed the patient'),
  assessedBy: choice(REPORT_ASSESSMENT_MODES, 'how you assessed the patient'),
  condition: optionalText(300),
  fitness: choice(REPORT_FITNESS, 'what the report says about fitness for work'),
  recommendations: multiChoice(REPORT_RECOMMENDATIONS, 'recommendations'),
  functionalEffects: optionalText(2000),
  adviceFrom: requiredDate('the first day this advice covers'),
  adviceTo: requiredDate('the last day this advice covers'),
  review: choice(REPORT_REVIEW, 'whether you will review the patient'),
  reviewOn: optionalDate('the review date'),
  profession: choice(HCPC_PROFESSIONS, 'your profession'),
  registrationNumber: requiredText('your HCPC registration number', 20),
  organisation: requiredText('your organisation', 200),
  contactDetails: requiredText('contact details for the employer', 300),
};

/** Every input of the report card, in order. */
export const EMPLOYER_REPORT_FIELDS: string[] = [
  ...Object.keys(employerReportShape),
  ...Array.from({ length: DIFFICULTY_ROWS }, (_, i) => [difficultyField(i + 1), goalField(i + 1)]).flat(),
];

const rowText = optionalText(300);

/** What the card yields; the save adds the id, the quoted note and plan, the practitioner's name and the dates. */
export type EmployerReportForm = Omit<
  EmployerReport,
  'id' | 'fitNote' | 'plan' | 'practitioner' | 'reportDate' | 'savedAt'
> & { practitioner: PractitionerDetails };

/** An HCPC number as kept: upper case, no spaces (`ot 12345` → `OT12345`). */
export function normaliseHcpcNumber(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/**
 * Checks the report card. `currentNote` is the fit note in force today (`currentNoteOf`): the report
 * may quote it, and an assessment of the practitioner's own may not contradict it.
 */
export function validateEmployerReport(
  data: Record<string, unknown>,
  c: Pick<CaseRecord, 'referral'>,
  currentNote: Pick<FitNote, 'status' | 'startDate' | 'endDate'> | null,
  today: IsoDate,
): FormResult<EmployerReportForm> {
  const { values: v, errors } = parseFields(employerReportShape, data);
  const difficulties: { difficulty: string; goal: string }[] = [];
  for (let n = 1; n <= DIFFICULTY_ROWS; n++) {
    const d = rowText.safeParse(blank(data[difficultyField(n)]));
    const g = rowText.safeParse(blank(data[goalField(n)]));
    if (!d.success) errors[difficultyField(n)] = d.error.issues[0]?.message ?? 'This value is not valid.';
    if (!g.success) errors[goalField(n)] = g.error.issues[0]?.message ?? 'This value is not valid.';
    if (!d.success || !g.success) continue;
    if (d.data && !g.data) errors[goalField(n)] = 'Give a recommendation or goal for this difficulty.';
    else if (g.data && !d.data) errors[difficultyField(n)] = 'Name the difficulty this recommendation or goal is for.';
    else if (d.data && g.data) difficulties.push({ difficulty: d.data, goal: g.data });
  }
  dateRules(v, c, today, errors);
  fitnessRules(v.fitness, currentNote, errors);
  if (v.profession && v.registrationNumber && !errors.registrationNumber) {
    const number = normaliseHcpcNumber(v.registrationNumber);
    const prefix = HCPC_PREFIX[v.profession];
    if (!/^[A-Z]{2}\d{4,6}$/.test(number))
      errors.registrationNumber = 'An HCPC registration number is two letters and up to six digits, such as OT12345.';
    else if (!number.startsWith(prefix))
      errors.registrationNumber = `An HCPC number of a ${HCPC_PROFESSIONS.labels[v.profession].toLowerCase()} starts with ${prefix}.`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors, partial: {} };
  return {
    ok: true,
    value: {
      assessedOn: need(v.assessedOn),
      assessedBy: need(v.assessedBy),
      ...(v.condition ? { condition: v.condition } : {}),
      fitness: need(v.fitness),
      recommendations: v.recommendations ?? [],
      ...(v.functionalEffects ? { functionalEffects: v.functionalEffects } : {}),
      difficulties,
      adviceFrom: need(v.adviceFrom),
      adviceTo: need(v.adviceTo),
      review: v.review === 'yes',
      ...(v.review === 'yes' ? { reviewOn: need(v.reviewOn) } : {}),
      practitioner: {
        profession: need(v.profession),
        registrationNumber: normaliseHcpcNumber(need(v.registrationNumber)),
        organisation: need(v.organisation),
        contactDetails: need(v.contactDetails),
      },
    },
  };
}

/** A field the checks above have made sure of. */
function need<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('a required report field passed validation without a value');
  return value;
}

function blank(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

type Parsed = Partial<{
  assessedOn: IsoDate;
  adviceFrom: IsoDate;
  adviceTo: IsoDate;
  review: 'yes' | 'no';
  reviewOn: IsoDate;
}>;

function dateRules(v: Parsed, c: Pick<CaseRecord, 'referral'>, today: IsoDate, errors: FieldErrors): void {
  if (v.assessedOn && !errors.assessedOn) {
    if (v.assessedOn > today) errors.assessedOn = 'The assessment date cannot be in the future.';
    else if (v.assessedOn < c.referral.referredOn)
      errors.assessedOn = `The assessment cannot be before the referral (${formatDate(c.referral.referredOn)}).`;
  }
  if (v.adviceFrom && v.adviceTo && !errors.adviceFrom && !errors.adviceTo) {
    if (v.adviceTo < v.adviceFrom) errors.adviceTo = 'The advice cannot end before it starts.';
    else if (v.adviceTo < today)
      errors.adviceTo = 'This period has already ended: the advice must cover today or later.';
  }
  if (v.review === 'yes' && !errors.reviewOn) {
    if (!v.reviewOn) errors.reviewOn = 'Enter the date by which you will review the patient.';
    else if (v.reviewOn < today) errors.reviewOn = 'The review date cannot be in the past.';
  }
  if (v.review === 'no' && v.reviewOn && !errors.reviewOn)
    errors.reviewOn = 'Leave the review date empty when no review is planned, or choose “Yes”.';
}

function fitnessRules(
  fitness: ReportFitness | undefined,
  note: Pick<FitNote, 'status' | 'startDate' | 'endDate'> | null,
  errors: FieldErrors,
): void {
  if (!fitness || errors.fitness) return;
  if (fitness === 'fit_note' && !note) {
    errors.fitness =
      'No fit note is in force today. Choose your own assessment, or no statement about fitness, or record the fit note first.';
    return;
  }
  if (note && (fitness === 'may_be_fit' || fitness === 'not_fit') && fitness !== note.status) {
    errors.fitness = `The fit note in force (${formatDate(note.startDate)} to ${formatDate(note.endDate)}) says ${
      note.status === 'not_fit' ? 'not fit for work' : 'may be fit for work'
    }: the report cannot say otherwise. Quote the fit note, or record the new fit note first.`;
  }
}

/**
 * Why the plan cannot be given to an employer as it stands: a phase that starts after the target
 * date of full return (its period would run backwards), or phases out of date order. Null when it can.
 */
export function planProblem(plan: Pick<ReturnPlan, 'phases' | 'targetReturnDate'>): string | null {
  const starts = plan.phases.map((p) => p.start);
  if (starts.some((d, i) => i > 0 && d < starts[i - 1]))
    return 'The plan’s phases are not in date order: correct the plan (“plan <ref>”) before writing the report.';
  if (starts.some((d) => d > plan.targetReturnDate))
    return `A phase of the plan starts after the target date of full return (${formatDate(plan.targetReturnDate)}): correct the plan before writing the report.`;
  return null;
}

/** The last session in which the practitioner saw or spoke to the patient, by today: the report's default assessment. */
export function lastAssessment(c: Pick<CaseRecord, 'sessions'>, today: IsoDate): Session | null {
  let best: Session | null = null;
  for (const s of c.sessions ?? []) {
    if (!(s.mode in REPORT_ASSESSMENT_MODES.labels) || s.date > today) continue;
    if (!best || s.date > best.date || (s.date === best.date && s.recordedAt > best.recordedAt)) best = s;
  }
  return best;
}

/**
 * The issuer's profession of a fit note, where the note records one (`fitnote.submit`'s
 * `issuerProfession`; notes saved before it have none).
 */
export function issuerProfessionOf(note: object): { issuerProfession?: string } {
  const p = (note as { issuerProfession?: unknown }).issuerProfession;
  return typeof p === 'string' && p ? { issuerProfession: p } : {};
}

/** Monday of the week `d` falls in (weeks commence on Mondays). */
export function mondayOf(d: IsoDate): IsoDate {
  return DateTime.fromISO(d, { zone: 'UTC' }).startOf('week').toISODate() ?? d;
}

/** Longest schedule shown week by week; a plan is weeks to months, never years. */
export const MAX_REPORT_WEEKS = 26;

export interface ReportWeek {
  /** Always a Monday. */
  weekCommencing: IsoDate;
  /** The day the phase (or full return) starts when that is not the Monday. */
  from?: IsoDate;
  /** null: back at full contracted hours. */
  phase: number | null;
  hoursPerWeek: number;
  daysPerWeek: number | null;
  duties: string;
}

/**
 * The plan week by week for the employer: each row is the week commencing a Monday; a phase that
 * starts mid-week says from which day, and a week in which one phase ends and the next starts has a
 * row for each. Ends with the week of return to full hours.
 */
export function reportSchedule(
  plan: Pick<ReturnPlan, 'phases' | 'targetReturnDate' | 'contractedHours'>,
): ReportWeek[] {
  const weeks: ReportWeek[] = [];
  const phases: PlanPhase[] = [...plan.phases].sort((a, b) => a.start.localeCompare(b.start));
  phases.forEach((p, i) => {
    const end = phases[i + 1]?.start ?? plan.targetReturnDate;
    const first = mondayOf(p.start);
    for (let m = first; (m === first || m < end) && weeks.length < MAX_REPORT_WEEKS; m = addDays(m, 7)) {
      weeks.push({
        weekCommencing: m,
        ...(m === first && p.start !== m ? { from: p.start } : {}),
        phase: i + 1,
        hoursPerWeek: p.hoursPerWeek,
        daysPerWeek: p.daysPerWeek,
        duties: p.duties ?? '',
      });
    }
  });
  if (weeks.length < MAX_REPORT_WEEKS) {
    const monday = mondayOf(plan.targetReturnDate);
    weeks.push({
      weekCommencing: monday,
      ...(plan.targetReturnDate !== monday ? { from: plan.targetReturnDate } : {}),
      phase: null,
      hoursPerWeek: plan.contractedHours,
      daysPerWeek: null,
      duties: 'Full contracted hours',
    });
  }
  return weeks;
}
