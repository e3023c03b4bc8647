import { DateTime } from 'luxon';
import { formatDate } from '../domain/dates';
import { MODES, type ServiceStats } from '../domain/nacr';
import { DISCHARGE_OUTCOMES, SESSION_MODES } from '../domain/vocabulary';
import { renderCard, type AdaptiveCard } from './render';

const pct = (part: number, whole: number) => (whole ? `${Math.round((100 * part) / whole)}%` : '–');
const num = (n: number | null, unit: string) =>
  n === null ? 'no data yet' : `${Number.isInteger(n) ? n : n.toFixed(1)} ${unit}`;

/**
 * Bars as column widths (Teams does not render the Adaptive Card chart elements in 1.5): each bar is an
 * accent column weighted by its value beside an empty one weighted by the rest, so it reads on a phone.
 */
function bars(items: { label: string; value: number }[]) {
  const max = Math.max(1, ...items.map((i) => i.value));
  return items.map((i) => {
    const bar = Math.round((100 * i.value) / max);
    return { label: i.label, value: String(i.value), bar, rest: 100 - bar };
  });
}

const PERIODS = [
  { period: 'month', title: 'This month' },
  { period: 'year', title: 'This year' },
  { period: 'all', title: 'Since the start' },
] as const;

export function statsCard(s: ServiceStats, serviceId: string): AdaptiveCard {
  const heading =
    s.period === 'month'
      ? `Figures for ${DateTime.fromISO(s.from!).toFormat('LLLL yyyy')}`
      : s.period === 'year'
        ? `Figures for ${s.to.slice(0, 4)}`
        : 'Figures since the start';
  const r = s.referrals;
  const rtw = s.returnToWork;
  const fc = s.firstContact;
  const q = s.qs99;
  return renderCard('stats', {
    heading,
    subheading: `${serviceId} · ${s.from ? `${formatDate(s.from)} to ${formatDate(s.to)}` : `to ${formatDate(s.to)}`}`,
    headline: [
      { value: String(r.received), label: 'referrals received' },
      { value: String(rtw.returned), label: 'back at work' },
      {
        value: rtw.rate === null ? '–' : pct(rtw.returned, rtw.employedAtReferral),
        label: 'return-to-work rate (of those in work at referral)',
      },
    ],
    referralFacts: [
      { title: 'Received', value: String(r.received) },
      { title: 'Accepted', value: `${r.accepted} (${pct(r.accepted, r.received)})` },
      { title: 'Declined', value: `${r.declined} (${pct(r.declined, r.received)})` },
      { title: 'Awaiting an OT', value: String(r.awaiting) },
    ],
    contactFacts: [
      {
        title: 'Contacted within 10 days of referral',
        value: fc.measured
          ? `${fc.within10Days} of ${fc.measured} referrals (${pct(fc.within10Days, fc.measured)})`
          : 'no referrals to measure yet',
      },
      {
        title: 'Not contacted 10 days after referral',
        value: `${fc.notContacted}${fc.declined ? ` (${fc.declined} declined)` : ''}`,
      },
      { title: 'Referred in the last 10 days, not contacted yet', value: String(fc.pending) },
      {
        title: 'Median, referral to first assessment contact',
        value: fc.medianDays === null ? 'no data yet' : `${num(fc.medianDays, 'days')} (${fc.contacted} contacted)`,
      },
    ],
    contactNote:
      'Every referral received in the period counts, declined and never-contacted ones included, once 10 days have passed or the patient was seen. Contact means a home visit, telephone, video or clinic session with the patient: not an employer meeting, not a missed appointment. A local measure, not a NICE one.',
    qs99Facts: [
      {
        title: 'Started within 10 days of hospital discharge',
        value: q.measured
          ? `${q.within10Days} of ${q.measured} MI referrals (${pct(q.within10Days, q.measured)})`
          : 'no MI referrals to measure yet',
      },
      { title: 'MI referrals received', value: String(q.miReferrals) },
      { title: 'No discharge date recorded (cannot be measured)', value: String(q.noDischargeDate) },
      { title: 'Discharged in the last 10 days, not started yet', value: String(q.pending) },
    ],
    qs99Note:
      'NICE QS99 statement 4: adults referred to cardiac rehabilitation after an acute myocardial infarction who start the programme within 10 days of discharge from hospital. Here the start is the first OT assessment contact of this service; an MI treated by PCI or CABG counts when the referral says so. Other events are not in this figure.',
    sessionsTitle: `Sessions by mode (${s.sessions.total})`,
    sessionBars: bars(MODES.map((m) => ({ label: SESSION_MODES.labels[m], value: s.sessions.byMode[m] }))),
    dischargesTitle: `Discharges by outcome (${s.discharges.total})`,
    dischargeBars: bars(
      DISCHARGE_OUTCOMES.values.map((o) => ({ label: DISCHARGE_OUTCOMES.labels[o], value: s.discharges.byOutcome[o] })),
    ),
    rtwFacts: [
      {
        title: 'Return-to-work rate',
        value:
          rtw.rate === null
            ? 'no discharges of people in work at referral yet'
            : `${pct(rtw.returned, rtw.employedAtReferral)} (${rtw.returned} of ${rtw.employedAtReferral} discharged who were employed or self-employed at referral returned: full, phased or in another role)`,
      },
      {
        title: 'Not in the rate',
        value: `${rtw.notEmployedAtReferral} discharged who were not employed or self-employed at referral`,
      },
      { title: 'Median, referral to return', value: num(rtw.medianWeeks, 'weeks') },
    ],
    note: 'Referrals, first contacts and QS99 count referrals received in the period; sessions, discharges and returns count those dated in it. A return is dated by the first day of the phased plan, else the discharge.',
    periods: PERIODS.filter((p) => p.period !== s.period).map((p) => ({
      title: p.title,
      command: `stats ${p.period}`,
    })),
  });
}
