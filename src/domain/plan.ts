import { DateTime } from 'luxon';
import { addDays, daysBetween, formatDate, type IsoDate } from './dates';
import { booleanFlag, number, optionalText, requiredDate } from './fields';
import { blankToUndefined, parseFields, type FieldErrors, type FormResult } from './form';
import type { PlanPhase, ReturnPlan } from './case';

/**
 * The phased return-to-work plan card (CONTRACT §3, `plan.submit`): fixed fields plus numbered phase
 * rows `phase<N>Start|Hours|Days|Duties`. A phase runs from its start until the next phase starts.
 */
export const planShape = {
  targetReturnDate: requiredDate('the target date of return to full hours'),
  contractedHours: number('the contracted hours per week', 1, 80).optional(),
  adjustments: optionalText(2000),
  employerContact: optionalText(200),
  employerConsent: booleanFlag,
};

export const PLAN_FIELDS = Object.keys(planShape) as (keyof typeof planShape)[];
export const PHASE_PARTS = ['Start', 'Hours', 'Days', 'Duties'] as const;
/** Enough for any real plan; keeps the card well under Teams' size limit. */
export const MAX_PHASES = 12;

const phaseShape = {
  Start: requiredDate('the week this phase starts'),
  Hours: number('hours per week', 0.5, 80),
  Days: number('days per week', 1, 7, { integer: true }),
  Duties: optionalText(300),
};

export function phaseField(n: number, part: (typeof PHASE_PARTS)[number]): string {
  return `phase${n}${part}`;
}

/** What the plan card yields: the saved plan without what the save itself adds. */
export type PlanForm = Omit<ReturnPlan, 'revision' | 'submissionId' | 'updatedAt' | 'updatedBy'>;

/** How many phase rows the card shows: its hidden `rows`, or the highest row number typed in. */
export function phaseRowCount(data: Record<string, unknown>): number {
  let n = 1;
  const hidden = Number(data.rows);
  if (Number.isInteger(hidden) && hidden > 0) n = hidden;
  for (const key of Object.keys(data)) {
    const m = /^phase(\d{1,2})(Start|Hours|Days|Duties)$/.exec(key);
    if (m && blankToUndefined(data[key]) !== undefined) n = Math.max(n, Number(m[1]));
  }
  return Math.min(n, MAX_PHASES);
}

/** Monday of the ISO week `d` falls in. */
export function weekStart(d: IsoDate): IsoDate {
  return DateTime.fromISO(d, { zone: 'UTC' }).startOf('week').toISODate()!;
}

/**
 * Validates the plan card. `fallbackHours` is the contracted hours from the referral, used when the
 * card leaves them blank. Rules (CONTRACT §4): phases in date order, no overlap, hours never above
 * contracted hours; the first phase not before the current week.
 */
export function validatePlan(
  data: Record<string, unknown>,
  today: IsoDate,
  fallbackHours?: number,
): FormResult<PlanForm> {
  const { values, errors } = parseFields(planShape, data);
  const contracted = values.contractedHours ?? fallbackHours;
  if (contracted === undefined && !errors.contractedHours)
    errors.contractedHours = 'Enter the contracted hours per week, so the phases can be checked against them.';

  const rows = phaseRowCount(data);
  const phases: (PlanPhase & { n: number })[] = [];
  for (let n = 1; n <= rows; n++) {
    const raw = Object.fromEntries(PHASE_PARTS.map((p) => [p, data[phaseField(n, p)]]));
    if (PHASE_PARTS.every((p) => blankToUndefined(raw[p]) === undefined)) continue; // an empty row is no phase
    const parsed = parseFields(phaseShape, raw);
    for (const [part, msg] of Object.entries(parsed.errors))
      errors[phaseField(n, part as (typeof PHASE_PARTS)[number])] = msg;
    const v = parsed.values;
    if (v.Start !== undefined && v.Hours !== undefined && v.Days !== undefined) {
      phases.push({
        n,
        start: v.Start,
        hoursPerWeek: v.Hours,
        daysPerWeek: v.Days,
        ...(v.Duties ? { duties: v.Duties } : {}),
      });
    }
  }
  const anyRowTyped = phases.length > 0 || Object.keys(errors).some((k) => k.startsWith('phase'));
  if (!anyRowTyped)
    errors[phaseField(1, 'Start')] = 'Add at least one phase: the week it starts, hours and days per week.';

  phaseRules(phases, today, contracted, errors);

  if (values.targetReturnDate && !errors.targetReturnDate) {
    const target = values.targetReturnDate;
    if (target < today) errors.targetReturnDate = 'The target return date cannot be in the past.';
    else if (phases[0] && target < phases[0].start)
      errors.targetReturnDate = 'The target return date cannot be before the first phase starts.';
    // Every phase runs within the plan: it starts before the date of full hours, so that its period
    // (see phasePeriods) never ends before it starts, on any card, report or CarePlan.
    for (const p of phases) {
      if (p.start >= target)
        errors[phaseField(p.n, 'Start')] ??=
          `This phase starts on or after the target date of full hours (${formatDate(target)}): start it before, or move the target date.`;
    }
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors, partial: {} };
  return {
    ok: true,
    value: {
      targetReturnDate: values.targetReturnDate!,
      contractedHours: contracted!,
      phases: phases.map(({ n: _row, ...p }) => p),
      ...(values.adjustments ? { adjustments: values.adjustments } : {}),
      ...(values.employerContact ? { employerContact: values.employerContact } : {}),
      employerConsent: values.employerConsent ?? false,
    },
  };
}

/** Ordering, overlap, hours and start-week rules; each problem is put on the row's own field. */
export function phaseRules(
  phases: readonly (PlanPhase & { n: number })[],
  today: IsoDate,
  contracted: number | undefined,
  errors: FieldErrors,
): void {
  const thisWeek = weekStart(today);
  phases.forEach((p, i) => {
    const startField = phaseField(p.n, 'Start');
    if (i === 0 && p.start < thisWeek) {
      errors[startField] ??= `The first phase cannot start before this week (week commencing ${formatDate(thisWeek)}).`;
    }
    const prev = phases[i - 1];
    if (prev) {
      if (p.start < prev.start)
        errors[startField] ??= `Phases must be in date order: this one starts before phase ${prev.n}.`;
      else if (daysBetween(prev.start, p.start) < 7)
        errors[startField] ??=
          `This phase overlaps phase ${prev.n}: each phase lasts at least a week, so start it on or after ${formatDate(addDays(prev.start, 7))}.`;
    }
    if (contracted !== undefined && p.hoursPerWeek > contracted) {
      errors[phaseField(p.n, 'Hours')] ??=
        `${p.hoursPerWeek} hours is above the contracted ${contracted} hours per week.`;
    }
  });
}

export interface PhasePeriod {
  /** 1-based, in date order. */
  phase: number;
  start: IsoDate;
  /** The last day of the phase: the day before the next phase starts, or before the target date. */
  end: IsoDate;
}

/**
 * Each phase's period: from its start to the day before the next phase starts, the last phase to the
 * day before the target date of full hours. For a plan `validatePlan` accepted, every period starts
 * on or before it ends and all lie before the target date; a stored plan that breaks this (saved
 * before the rule) is clamped so that no period ever runs backwards (end = start at worst).
 */
export function phasePeriods(plan: Pick<ReturnPlan, 'phases' | 'targetReturnDate'>): PhasePeriod[] {
  const phases = [...plan.phases].sort((a, b) => a.start.localeCompare(b.start));
  return phases.map((p, i) => {
    const next = phases[i + 1]?.start ?? plan.targetReturnDate;
    const end = addDays(next, -1);
    return { phase: i + 1, start: p.start, end: end < p.start ? p.start : end };
  });
}

/** Longest schedule shown week by week; a plan is weeks to months, never years. */
export const MAX_SCHEDULE_WEEKS = 26;

export interface ScheduleWeek {
  weekCommencing: IsoDate;
  phase: number | null; // null: back at full contracted hours
  hoursPerWeek: number;
  daysPerWeek: number | null;
  duties: string;
}

/** The plan as a week-by-week schedule, ending with the week of full return. */
export function planSchedule(
  plan: Pick<ReturnPlan, 'phases' | 'targetReturnDate' | 'contractedHours'>,
): ScheduleWeek[] {
  const weeks: ScheduleWeek[] = [];
  plan.phases.forEach((p, i) => {
    const end =
      plan.phases[i + 1]?.start ?? (plan.targetReturnDate > p.start ? plan.targetReturnDate : addDays(p.start, 7));
    for (let w = p.start; w < end && weeks.length < MAX_SCHEDULE_WEEKS; w = addDays(w, 7)) {
      weeks.push({
        weekCommencing: w,
        phase: i + 1,
        hoursPerWeek: p.hoursPerWeek,
        daysPerWeek: p.daysPerWeek,
        duties: p.duties ?? '',
      });
    }
  });
  if (weeks.length < MAX_SCHEDULE_WEEKS) {
    weeks.push({
      weekCommencing: plan.targetReturnDate,
      phase: null,
      hoursPerWeek: plan.contractedHours,
      daysPerWeek: null,
      duties: 'Full contracted hours',
    });
  }
  return weeks;
}

/** One line for caseloads and the case card. */
export function planStatus(plan: ReturnPlan | undefined, today: IsoDate): string {
  if (!plan) return 'No plan yet';
  const first = plan.phases[0];
  if (!first) return `Return ${formatDate(plan.targetReturnDate)}`;
  if (today < first.start) return `Phased return starts ${formatDate(first.start)}`;
  if (today >= plan.targetReturnDate) return `Full hours from ${formatDate(plan.targetReturnDate)}`;
  let current = 0;
  plan.phases.forEach((p, i) => {
    if (p.start <= today) current = i;
  });
  return `Phase ${current + 1} of ${plan.phases.length}, full hours ${formatDate(plan.targetReturnDate)}`;
}
