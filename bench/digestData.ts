import type { CaseRecord, FollowUpContact, FollowUpWorkStatus } from '../src/domain/case';
import { addDays, type IsoDate } from '../src/domain/dates';
import { formatCaseRef } from '../src/domain/caseRef';
import { followUpStanding, followUpsDueBy, nextFollowUpDate } from '../src/domain/followUp';
import { OPEN_CASE_CLAIMS_BACKFILL } from '../src/services/referrals/openCaseClaims';
import type { Store } from '../src/store/types';
import { nhsNumberFor } from './lib';

/** The national digest's data: services, leads with conversation references, open cases (and history). */
export const serviceId = (s: number) => `svc-${String(s + 1).padStart(3, '0')}`;
export const leadId = (n: number) => `cccccccc-0000-0000-0000-${String(n).padStart(12, '0')}`;
/** The OTs the cases name: four per service (`caseFor`'s `assignedOt`). */
export const OTS_PER_SERVICE = 4;
export const otId = (s: number, k: number) => `dddddddd-0000-0000-0000-${String(s * 10 + k).padStart(12, '0')}`;

export async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) await task(i);
    }),
  );
}

/** A fixed pseudo-random draw in [0, m) for case i: the choices below do not line up with each other or the dates. */
function draw(i: number, salt: number, m: number): number {
  // murmur3's finaliser over (i, salt): independent enough across salts.
  let h = Math.imul(i ^ Math.imul(salt + 1, 0x9e3779b9), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return Math.floor(((h >>> 0) / 2 ** 32) * m);
}

/** History: discharge dates spread evenly over the last four years, up to yesterday. */
export const HISTORY_DAYS = 1460;
const WORK: FollowUpWorkStatus[] = [
  'working_full',
  'working_full',
  'working_full',
  'working_reduced',
  'working_other_role',
  'off_sick',
  'not_working',
];

/**
 * A discharged case's follow-ups as an OT would have recorded them by `today`, slot by slot, each
 * slot's dates from the domain (`followUpStanding`), never computed here: 1 in 10 discharged without
 * consent (none owed); of the rest, each follow-up that has opened is recorded 0 to 9 days after it
 * opened (so one opened in the last 9 days is still due), after one `not_reached` attempt for 1 in 8;
 * 1 in 50 is recorded late, 30 to 119 days after it opened (overdue until then); 1 in 40 cases is not
 * reached three times in a row, a week apart, at its first follow-up (lost to follow-up).
 */
function followUpsFor(c: CaseRecord, i: number, today: IsoDate, now: string): FollowUpContact[] {
  const contacts: FollowUpContact[] = [];
  const by = c.discharge!.by;
  const add = (due: FollowUpContact['due'], date: IsoDate, workStatus: FollowUpWorkStatus) =>
    contacts.push({
      id: `fu-${i}-${contacts.length}`,
      due,
      date,
      workStatus,
      ...(workStatus === 'not_reached' ? {} : { hoursPerWeek: 37.5, absenceDays: i % 5, workAbility: 5 + (i % 6) }),
      recordedAt: now,
      recordedBy: by,
    });
  for (const [k, slot] of followUpStanding(c, today).slots.entries()) {
    // Each slot as the domain sees it with the contacts so far (done, closed, upcoming, due, overdue).
    const s = followUpStanding({ ...c, followUps: contacts }, today).slots[k];
    if (s.state === 'closed' || s.state === 'upcoming') break;
    const lost = draw(i, 1, 40) === 0 && k === 0;
    const late = draw(i, 2 + k, 50) === 0;
    const day = (n: number) => addDays(slot.opensOn, n);
    if (lost) {
      for (let n = 0; n < 3 && day(n * 7) <= today; n++) add(slot.due, day(n * 7), 'not_reached');
      continue;
    }
    if (draw(i, 5 + k, 8) === 0) add(slot.due, day(0), 'not_reached');
    const on = day(late ? 30 + draw(i, 8 + k, 90) : draw(i, 8 + k, 10));
    if (on > today) break; // opened, not recorded yet: due
    add(slot.due, on, WORK[draw(i, 11 + k, WORK.length)]);
  }
  return contacts;
}

/** An open case (or with `history`, one discharged over the last four years, with its follow-ups) of service `s`. */
export function caseFor(i: number, s: number, today: string, now: string, history: boolean): CaseRecord {
  const svc = serviceId(s);
  const name = `Patient ${i}`;
  const ot = {
    aadObjectId: otId(s, i % OTS_PER_SERVICE),
    name: `OT ${i % OTS_PER_SERVICE}`,
  };
  const referred = !history && i % 10 === 0;
  const dischargedOn = addDays(today, -1 - draw(i, 14, HISTORY_DAYS));
  const referredOn = history ? addDays(dischargedOn, -90) : addDays(today, -(i % 45) - 1);
  const record: CaseRecord = {
    id: `case-${String(i).padStart(6, '0')}`,
    serviceId: svc,
    ref: formatCaseRef(i + 1),
    status: history ? 'discharged' : referred ? 'referred' : 'active',
    patient: { name, nameKey: name.toLowerCase(), nhsNumber: nhsNumberFor(i), dateOfBirth: '1966-05-14' },
    referral: {
      eventType: 'MI',
      eventDate: addDays(referredOn, -5),
      employmentStatus: 'employed',
      occupation: 'Driver',
      jobDemands: ['driving'],
      fitNoteStatus: 'not_fit',
      contactPreference: 'telephone',
      consent: true,
      referredOn,
    },
    referredBy: { aadObjectId: 'eeeeeeee-0000-0000-0000-000000000001', name: 'A Nurse' },
    ...(referred ? {} : { assignedOt: ot, acceptedOn: addDays(referredOn, 1) }),
    // Fit notes ending over the next 60 days: about 8 in 60 fall inside a 7-day window.
    fitNotes: [
      {
        id: `fn-${i}`,
        status: 'not_fit',
        advice: [],
        startDate: referredOn,
        endDate: history ? addDays(referredOn, 30) : addDays(today, i % 60),
        recordedAt: now,
        recordedBy: 'eeeeeeee-0000-0000-0000-000000000001',
      },
    ],
    sessions: referred
      ? []
      : [
          {
            id: `s-${i}`,
            date: history ? addDays(referredOn, 10) : addDays(today, -(i % 30)),
            mode: 'telephone',
            durationMinutes: 30,
            topics: [],
            notes: 'Call.',
            recordedAt: now,
            recordedBy: ot,
          },
        ],
    createdAt: new Date(Date.parse(now) - (100_000 - i) * 1000).toISOString(),
    updatedAt: now,
  };
  if (!history) return record;
  // Discharged as the discharge card does it (consent asked, default yes); follow-ups as recorded since.
  record.discharge = {
    outcome: 'returned_full',
    date: dischargedOn,
    workAbility: 4 + (i % 7),
    followUpConsent: draw(i, 0, 10) !== 0,
    by: ot,
    recordedAt: now,
  };
  const followUps = followUpsFor(record, i, today, now);
  if (followUps.length) record.followUps = followUps;
  // As the discharge and follow-up use cases keep it: the next follow-up owed, or none.
  const due = nextFollowUpDate(record);
  if (due) record.followUpDue = due;
  return record;
}

/** What the seeded history holds, for checking what the digest's query reads against what exists. */
export interface HistoryTally {
  discharged: number;
  withConsent: number;
  /** Discharged on or after 1 January of the run's year: the digest reads these for its counts anyway. */
  dischargedThisYear: number;
  /** With a follow-up owed at all (`followUpDue` set). */
  owed: number;
  /** `followUpDue` on or before `followUpsDueBy(today)`: due within the window, or overdue. */
  dueByRunDate: number;
  /** Of those, overdue (the follow-up's date has passed). */
  overdue: number;
  lost: number;
  /** Discharged cases the digest's query should return: this year's discharges or a follow-up due. */
  expectedRead: number;
}

/** Leads spread over the services (3 or 4 each), each with a 1:1 conversation reference, then the cases. */
export async function seedDigest(
  store: Store,
  o: {
    services: number;
    leads: number;
    open: number;
    history: number;
    connectorUrl: string;
    today: string;
    now: string;
    /** Also make the cases' OTs staff members with conversation references: they get "my day" lists. */
    ots?: boolean;
  },
): Promise<HistoryTally> {
  const people = o.leads + (o.ots ? o.services * OTS_PER_SERVICE : 0);
  await pool(people, 8, async (n) => {
    const lead = n < o.leads;
    const m = n - o.leads;
    const aad = lead ? leadId(n) : otId(Math.floor(m / OTS_PER_SERVICE), m % OTS_PER_SERVICE);
    const svc = serviceId(lead ? n % o.services : Math.floor(m / OTS_PER_SERVICE));
    await store.staff.save({
      aadObjectId: aad,
      serviceId: svc,
      name: lead ? `Lead ${n}` : `OT ${m % OTS_PER_SERVICE}`,
      role: lead ? 'lead' : 'ot',
      addedBy: 'bench',
      updatedAt: o.now,
    });
    await store.conversations.save({
      id: aad,
      serviceId: svc,
      reference: {
        serviceUrl: o.connectorUrl,
        channelId: 'msteams',
        conversation: {
          id: `a:personal-${aad}`,
          conversationType: 'personal',
          tenantId: '11111111-2222-3333-4444-555555555555',
        },
        user: { id: `29:${aad}`, aadObjectId: aad },
        bot: { id: '28:my-bot-app-id', name: 'Rehab Bot' },
      },
      updatedAt: o.now,
    });
  });
  const tally: HistoryTally = {
    discharged: 0,
    withConsent: 0,
    dischargedThisYear: 0,
    owed: 0,
    dueByRunDate: 0,
    overdue: 0,
    lost: 0,
    expectedRead: 0,
  };
  const by = followUpsDueBy(o.today);
  const since = `${o.today.slice(0, 4)}-01-01`;
  await pool(o.open + o.history, 16, async (i) => {
    const c = caseFor(i, i % o.services, o.today, o.now, i >= o.open);
    if (c.discharge) {
      tally.discharged++;
      if (c.discharge.followUpConsent) tally.withConsent++;
      const thisYear = c.discharge.date >= since;
      const due = c.followUpDue !== undefined && c.followUpDue <= by;
      if (thisYear) tally.dischargedThisYear++;
      if (c.followUpDue) tally.owed++;
      if (due) tally.dueByRunDate++;
      if (c.followUpDue && c.followUpDue < o.today) tally.overdue++;
      if (followUpStanding(c, o.today).lostOn) tally.lost++;
      if (thisYear || due) tally.expectedRead++;
    }
    // An open case with its open-case claim, as a referral writes it (issue 15); a discharged one gave it back.
    await (c.discharge ? store.cases.create(c) : store.cases.open(c));
  });
  // The claims are there: the start-up back-fill for stores older than the claims has nothing to do.
  await store.jobs.markDone(OPEN_CASE_CLAIMS_BACKFILL, o.now);
  return tally;
}
