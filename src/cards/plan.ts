import type { CaseRecord } from '../domain/case';
import { formatDate } from '../domain/dates';
import type { FieldErrors } from '../domain/form';
import { MAX_PHASES, PLAN_FIELDS, phaseField, phaseRowCount, planSchedule, type ScheduleWeek } from '../domain/plan';
import { errorSummary, formErrors, formValues } from './forms';
import { renderCard, type AdaptiveCard } from './render';
import { caseSubtitle as subtitle } from './forms';

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
