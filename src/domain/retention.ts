import type { CaseRecord } from './case';
import type { IsoDate } from './dates';
import { followUpStanding } from './followUp';

/**
 * The day a closed case's retention period starts (CONTRACT §4 follow-ups; issue 16): a declined
 * referral from the decline; a discharged case from the discharge, or from its last follow-up when it
 * was followed up. The last follow-up is the latest follow-up contact or attempt recorded and, for a
 * case still being followed (discharged with consent, a follow-up still owed: not all done, not lost to
 * follow-up), the date of the last follow-up it is still owed. Never before the discharge, so a store
 * query by discharge date finds every candidate. Undefined for a case that is not closed.
 */
export function retentionStartOf(
  c: Pick<CaseRecord, 'status' | 'discharge' | 'decline' | 'followUps'>,
  today: IsoDate,
): IsoDate | undefined {
  if (c.status === 'declined') return c.decline?.on;
  if (c.status !== 'discharged' || !c.discharge) return undefined;
  const dates = [c.discharge.date, ...(c.followUps ?? []).map((x) => x.date)];
  const standing = followUpStanding(c, today);
  if (standing.followed && standing.next) {
    const owed = standing.slots.filter((s) => s.state !== 'done' && s.state !== 'closed');
    dates.push(owed[owed.length - 1]!.date);
  }
  return dates.sort()[dates.length - 1];
}
