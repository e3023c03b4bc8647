import { DateTime } from 'luxon';
import { formatDate } from '../domain/dates';
import { MAX_MONTHS, MODES, type ServiceStats, type SustainedAt } from '../domain/nacr';
import { DISCHARGE_OUTCOMES, SESSION_MODES } from '../domain/vocabulary';
import { renderCard, type AdaptiveCard } from './render';

const pct = (part: number, whole: number) => (whole ? `${Math.round((100 * part) / whole)}%` : '–');
const num = (n: number | null, unit: string) =>
  n === null ? 'no data yet' : `${Number.isInteger(n) ? n : n.toFixed(1)} ${unit}`;

/**
 * Each figure is an Adaptive Card chart (`Chart.VerticalBar`, `Chart.Donut`, `Chart.Line`, as
 * Microsoft documents them for Teams), with a `fallback` for clients that do not draw charts (Teams
 * on iOS, Agents Playground, the 1.5 renderer): text bars as column widths, each bar an accent column
 * weighted by its value beside an empty one weighted by the rest, so it reads on a phone.
 */
function bars(items: { label: string; value: number }[]) {
  const max = Math.max(1, ...items.map((i) => i.value));
  return items.map((i) => {
    const bar = Math.round((100 * i.value) / max);
    return { label: i.label, value: String(i.value), bar, rest: 100 - bar };
  });
}

/** `2026-11` → `Nov 2026`. */
const monthLabel = (m: string) => DateTime.fromISO(`${m}-01`).toFormat('LLL yyyy');

/** One follow-up's sustained-return line: still working of those followed up, the kinds of work apart. */
function sustainedValue(x: SustainedAt): string {
  if (!x.followedUp) return 'no follow-ups of returns in the period yet';
  return `${x.stillWorking} of ${x.followedUp} back at work at discharge and followed up still working (${pct(x.stillWorking, x.followedUp)}): ${x.workingFull} full hours, ${x.workingReduced} reduced hours, ${x.workingOtherRole} in another role; not working: ${x.offSick} off sick, ${x.notWorking} not working`;
}

const scoreValue = (x: { scored: number; median: number | null }, whom: string) =>
  x.median === null
    ? `no scores recorded ${whom} yet`
    : `${num(x.median, 'out of 10')} (median of ${x.scored} ${whom})`;

const PERIODS = [
  { period: 'month', title: 'This month' },
  { period: 'year', title: 'This year' },
  { period: 'all', title: 'Since the start' },
] as const;

/** `serviceName`: the service's display name (`serviceName(id, deps.serviceNames)`), not its id. */
export function statsCard(s: ServiceStats, serviceName: string): AdaptiveCard {
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
    subheading: `${serviceName} · ${s.from ? `${formatDate(s.from)} to ${formatDate(s.to)}` : `to ${formatDate(s.to)}`}`,
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
    sessionChart: MODES.map((m) => ({ x: SESSION_MODES.labels[m], y: s.sessions.byMode[m] })),
    sessionBars: bars(MODES.map((m) => ({ label: SESSION_MODES.labels[m], value: s.sessions.byMode[m] }))),
    dischargesTitle: `Discharges by outcome (${s.discharges.total})`,
    dischargeChart: DISCHARGE_OUTCOMES.values.map((o) => ({
      legend: DISCHARGE_OUTCOMES.labels[o],
      value: s.discharges.byOutcome[o],
    })),
    dischargeBars: bars(
      DISCHARGE_OUTCOMES.values.map((o) => ({ label: DISCHARGE_OUTCOMES.labels[o], value: s.discharges.byOutcome[o] })),
    ),
    // A trend needs two months at least: "this month" shows none.
    showMonths: s.byMonth.length > 1,
    monthsTitle: `Referrals received and returns to work, by month${s.byMonth.length >= MAX_MONTHS ? ` (the latest ${MAX_MONTHS})` : ''}`,
    monthSeries: [
      { legend: 'Referrals received', values: s.byMonth.map((m) => ({ x: monthLabel(m.month), y: m.referrals })) },
      {
        legend: 'Back at work (by month of discharge)',
        values: s.byMonth.map((m) => ({ x: monthLabel(m.month), y: m.returned })),
      },
    ],
    monthFacts: s.byMonth.map((m) => ({
      title: monthLabel(m.month),
      value: `${m.referrals} referred · ${m.returned} back at work`,
    })),
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
    sustainedFacts: [
      { title: 'At 6 months', value: sustainedValue(s.outcomes.sustained.sixMonths) },
      { title: 'At 12 months', value: sustainedValue(s.outcomes.sustained.twelveMonths) },
    ],
    sustainedNote:
      'Of the patients discharged as back at work (full, phased or in another role) whose 6- or 12-month follow-up was made in the period (a contact, not "not reached"): how many were working then. Reduced hours and another role are counted apart from full hours. Patients not followed up (no consent, not reached, not yet due) are not in these figures. A local measure, not a NACR one.',
    followUpFacts: (() => {
      const f = s.outcomes.followUps;
      if (!f.owed) return [{ title: 'Follow-ups that fell due', value: 'none in the period yet' }];
      return [
        { title: 'Follow-ups that fell due', value: String(f.owed) },
        { title: 'Done', value: `${f.done} of ${f.owed} (${pct(f.done, f.owed)})` },
        { title: 'Due now, still in time', value: `${f.due} of ${f.owed}` },
        { title: 'Overdue (past their date)', value: `${f.overdue} of ${f.owed}` },
        { title: 'Lost to follow-up (3 not reached in a row)', value: `${f.lost} of ${f.owed}` },
        { title: 'Not done, with a "not reached" attempt', value: `${f.attemptedNotReached} of ${f.owed - f.done}` },
      ];
    })(),
    followUpNote:
      'Every 3-, 6- and 12-month follow-up of a patient discharged with consent that fell due in the period (a follow-up is due from 7 days before its date). Done, due, overdue and lost add up to the follow-ups that fell due.',
    courseFacts: [
      {
        title: 'Median days, cardiac event to return to work',
        value:
          s.outcomes.daysToReturn.median === null
            ? 'no returns to measure yet'
            : `${num(s.outcomes.daysToReturn.median, 'days')} (${s.outcomes.daysToReturn.measured} returns; ${s.outcomes.daysToReturn.datedByDischarge} dated by the discharge)`,
      },
      {
        title: 'Work Ability Score at first contact',
        value: scoreValue(s.outcomes.workAbility.firstContact, 'first contacts scored'),
      },
      {
        title: 'Work Ability Score at discharge',
        value: scoreValue(s.outcomes.workAbility.discharge, 'discharges scored'),
      },
      {
        title: 'Work Ability Score at 12 months',
        value: scoreValue(s.outcomes.workAbility.twelveMonths, '12-month follow-ups scored'),
      },
    ],
    courseNote:
      'Days to return: calendar days (weekends included) from the cardiac event on the referral to the return date (the first day of the phased plan, else the discharge date: then the real first day may be earlier), over the returns in the return-to-work rate. It assumes the patient was off work from the event; the bot records no employer sickness absence. Work Ability Score: 0 = cannot work at all, 10 = lifetime best; each median is over a different group (first contacts, discharges, 12-month follow-ups in the period that recorded a score), so they are not a change in the same patients.',
    note: 'Referrals, first contacts and QS99 count referrals received in the period; sessions, discharges and returns count those dated in it. A return is dated by the first day of the phased plan, else the discharge.',
    periods: PERIODS.filter((p) => p.period !== s.period).map((p) => ({
      title: p.title,
      command: `stats ${p.period}`,
    })),
  });
}
