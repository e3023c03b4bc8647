import type { CaseRecord } from '../domain/case';
import { formatDate, type IsoDate } from '../domain/dates';
import type { FieldErrors } from '../domain/form';
import { FOLLOW_UP_FIELDS, followUpStanding, openFollowUps, type FollowUpSlot } from '../domain/followUp';
import { choicesOf, FOLLOW_UP_DUES, FOLLOW_UP_WORK_STATUSES } from '../domain/vocabulary';
import { caseSubtitle, errorSummary, formErrors, formValues } from './forms';
import { renderCard, type AdaptiveCard } from './render';

/** "6-month follow-up: 10 Sep 2026, overdue by 3 days". */
export function slotText(s: FollowUpSlot): string {
  const name = FOLLOW_UP_DUES.labels[s.due];
  if (s.state === 'overdue') return `${name}: ${formatDate(s.date)}, overdue`;
  if (s.state === 'due') return `${name}: ${formatDate(s.date)}, due now`;
  if (s.state === 'upcoming') return `${name}: ${formatDate(s.date)} (due from ${formatDate(s.opensOn)})`;
  if (s.state === 'closed') return `${name}: closed, lost to follow-up`;
  return `${name}: done ${formatDate(s.contact?.date)}`;
}

/**
 * The follow-up card (`followup <ref>`, verb `followup.submit`): the next follow-up due first, and
 * the others that can be recorded today. Given back with every value kept and each problem by its field.
 */
export function followUpFormCard(
  c: CaseRecord,
  submissionId: string,
  today: IsoDate,
  data: Record<string, unknown> = {},
  errors?: FieldErrors,
): AdaptiveCard {
  const open = openFollowUps(c, today);
  const standing = followUpStanding(c, today);
  const next = open[0] ?? standing.next;
  // A form given back keeps its choice even when it is not open (the error says why).
  const offered = open.length ? open.map((s) => s.due) : FOLLOW_UP_DUES.values;
  const values = formValues(FOLLOW_UP_FIELDS, data);
  if (!values.due && next) values.due = next.due;
  const dueChoices = choicesOf(FOLLOW_UP_DUES).filter((x) => offered.includes(x.value) || x.value === values.due);
  const tries = standing.notReachedInARow;
  return renderCard('followup-form', {
    title: 'Follow-up after discharge',
    subtitle: `${caseSubtitle(c)}${c.discharge ? ` · discharged ${formatDate(c.discharge.date)}` : ''}`,
    dueLine: next ? `Next: ${slotText(next)}` : 'No follow-up is owed.',
    attemptsLine: tries
      ? `Not reached ${tries === 1 ? 'once' : `${tries} times`} in a row so far: a third "not reached" in a row closes the follow-ups.`
      : '',
    summary: errorSummary(errors),
    caseId: c.id,
    submissionId,
    values,
    errors: formErrors(FOLLOW_UP_FIELDS, errors),
    choices: { due: dueChoices, workStatus: choicesOf(FOLLOW_UP_WORK_STATUSES) },
  });
}
