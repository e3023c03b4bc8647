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
  return renderCard('stats', {
    heading,
    subheading: `${serviceId} · ${s.from ? `${formatDate(s.from)} to ${formatDate(s.to)}` : `to ${formatDate(s.to)}`}`,
    headline: [
      { value: String(r.received), label: 'referrals received' },
      { value: String(rtw.returned), label: 'back at work' },
      { value: rtw.rate === null ? '–' : pct(rtw.returned, s.discharges.total), label: 'return-to-work rate' },
    ],
    referralFacts: [
      { title: 'Received', value: String(r.received) },
      { title: 'Accepted', value: `${r.accepted} (${pct(r.accepted, r.received)})` },
      { title: 'Declined', value: `${r.declined} (${pct(r.declined, r.received)})` },
      { title: 'Awaiting an OT', value: String(r.awaiting) },
    ],
    contactFacts: [
      { title: 'Median, referral to first contact', value: num(s.firstContact.medianDays, 'days') },
      {
        title: 'First contact within 10 days',
        value: s.firstContact.measured
          ? `${s.firstContact.within10Days} of ${s.firstContact.measured} (${pct(s.firstContact.within10Days, s.firstContact.measured)})`
          : 'no contacts yet',
      },
    ],
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
            ? 'no discharges yet'
            : `${pct(rtw.returned, s.discharges.total)} (${rtw.returned} of ${s.discharges.total} discharges returned full, phased or in another role)`,
      },
      { title: 'Median, referral to return', value: num(rtw.medianWeeks, 'weeks') },
    ],
    note: 'Referrals and first contacts count referrals received in the period; sessions, discharges and returns count those dated in it. A return is dated by the first day of the phased plan, else the discharge.',
    periods: PERIODS.filter((p) => p.period !== s.period).map((p) => ({
      title: p.title,
      command: `stats ${p.period}`,
    })),
  });
}
