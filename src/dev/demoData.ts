import {
  nameKeyOf,
  type CaseRecord,
  type CaseStatus,
  type FollowUpContact,
  type FollowUpDue,
  type FollowUpWorkStatus,
  type Session,
} from '../domain/case';
import { formatCaseRef } from '../domain/caseRef';
import { addDays, type IsoDate } from '../domain/dates';
import type { FitNote } from '../domain/fitNote';
import { nextFollowUpDate } from '../domain/followUp';
import { checkDigitFor } from '../domain/nhsNumber';
import { AlreadyExistsError } from '../store/errors';
import { audit } from '../services/core/audit';
import { nowIso, today, type StoreDeps } from '../services/core/context';
import { DEMO_PEOPLE, demoPerson } from './demoStaff';

/**
 * A small synthetic caseload for demonstrations and the local playground (DEMO_DATA=1, local mode
 * only). Names are obviously made up; NHS numbers come from the 999 range, which is never issued,
 * with valid check digits. Dates are relative to today, so that today's digest always has content:
 * notes ending this week, a note already run out, a referral waiting too long, a case gone quiet,
 * and discharged cases with a follow-up due, one overdue after two "not reached", one lost to follow-up.
 */

/** The n-th valid NHS number of the never-issued 999 range (with a valid Modulus 11 check digit). */
export function demoNhsNumber(n: number): string {
  let found = 0;
  for (let k = 0; k < 1_000_000; k++) {
    const firstNine = `999${String(k).padStart(6, '0')}`;
    const check = checkDigitFor(firstNine);
    if (check !== null && ++found === n) return `${firstNine}${check}`;
  }
  throw new Error('no valid demo NHS number');
}

interface DemoCase {
  name: string;
  dob: IsoDate;
  status: CaseStatus;
  eventType: CaseRecord['referral']['eventType'];
  /** Days before today. */
  eventAgo: number;
  referredAgo: number;
  occupation: string;
  employer: string;
  hours: number;
  contact: CaseRecord['referral']['contactPreference'];
  jobDemands: CaseRecord['referral']['jobDemands'];
  /** Fit notes as [startAgo, endFromToday, status]. */
  notes: Array<[number, number, FitNote['status']]>;
  /** Days before today of each session (active cases). */
  sessionsAgo?: number[];
  ot?: 'ot' | 'ot2';
  discharge?: {
    ago: number;
    outcome: NonNullable<CaseRecord['discharge']>['outcome'];
    /** Absent: discharged before follow-ups were asked (none owed). */
    followUpConsent?: boolean;
    workAbility?: number;
  };
  /** Work Ability Score at each session, in the order of `sessionsAgo`. */
  sessionScores?: number[];
  /** Follow-ups after discharge as [due, days before today, work status, Work Ability Score]. */
  followUps?: Array<[FollowUpDue, number, FollowUpWorkStatus, number?]>;
}

const CASES: DemoCase[] = [
  // A note ending in 2 days on an active case: top of the digest.
  {
    name: 'Ada Fictional',
    dob: '1971-03-14',
    status: 'active',
    eventType: 'MI',
    eventAgo: 40,
    referredAgo: 35,
    occupation: 'Bus driver',
    employer: 'Example Buses Ltd',
    hours: 37.5,
    contact: 'telephone',
    jobDemands: ['vocational_driving', 'shift_work'],
    notes: [[30, 2, 'not_fit']],
    sessionsAgo: [28, 14, 3],
    ot: 'ot',
  },
  // A may-be-fit note ending in 5 days, phased return under way.
  {
    name: 'Bert Madeup',
    dob: '1965-08-02',
    status: 'active',
    eventType: 'PCI',
    eventAgo: 60,
    referredAgo: 55,
    occupation: 'Warehouse operative',
    employer: 'Sample Logistics',
    hours: 40,
    contact: 'home_visit',
    jobDemands: ['manual_handling'],
    notes: [
      [60, -25, 'not_fit'],
      [25, 5, 'may_be_fit'],
    ],
    sessionsAgo: [50, 30, 9],
    ot: 'ot',
  },
  // A note that ran out 3 days ago with nothing newer.
  {
    name: 'Cora Placeholder',
    dob: '1980-11-21',
    status: 'active',
    eventType: 'CABG',
    eventAgo: 90,
    referredAgo: 80,
    occupation: 'Primary school teacher',
    employer: 'Nowhere Academy Trust',
    hours: 32.5,
    contact: 'video',
    jobDemands: ['high_stress'],
    notes: [[45, -3, 'not_fit']],
    sessionsAgo: [70, 40, 6],
    ot: 'ot2',
  },
  // No contact for 20 days.
  {
    name: 'Dev Notreal',
    dob: '1959-05-30',
    status: 'active',
    eventType: 'valve',
    eventAgo: 75,
    referredAgo: 70,
    occupation: 'Electrician',
    employer: 'Self-employed (demo)',
    hours: 45,
    contact: 'telephone',
    jobDemands: ['manual_handling', 'driving'],
    notes: [[40, 20, 'not_fit']],
    sessionsAgo: [60, 20],
    ot: 'ot2',
  },
  // Referred 6 days ago, still waiting for an OT.
  {
    name: 'Enid Sample',
    dob: '1968-01-09',
    status: 'referred',
    eventType: 'MI',
    eventAgo: 14,
    referredAgo: 6,
    occupation: 'Call centre adviser',
    employer: 'Demo Telecom plc',
    hours: 30,
    contact: 'telephone',
    jobDemands: ['sedentary', 'high_stress'],
    notes: [[10, 18, 'not_fit']],
  },
  // Referred yesterday: new, not yet overdue.
  {
    name: 'Fred Testcase',
    dob: '1974-07-17',
    status: 'referred',
    eventType: 'heart_failure',
    eventAgo: 10,
    referredAgo: 1,
    occupation: 'Chef',
    employer: 'The Imaginary Kitchen',
    hours: 42,
    contact: 'home_visit',
    jobDemands: ['shift_work', 'manual_handling'],
    notes: [],
  },
  // Back at work in full this year: counted as returned.
  {
    name: 'Gail Examplename',
    dob: '1962-12-01',
    status: 'discharged',
    eventType: 'PCI',
    eventAgo: 150,
    referredAgo: 140,
    occupation: 'Accountant',
    employer: 'Pretend & Co',
    hours: 37.5,
    contact: 'video',
    jobDemands: ['sedentary'],
    notes: [
      [140, -60, 'not_fit'],
      [60, -20, 'may_be_fit'],
    ],
    sessionsAgo: [130, 100, 70, 40, 21],
    ot: 'ot',
    discharge: { ago: 20, outcome: 'returned_phased' },
  },
  // Discharged three months ago with consent: the 3-month follow-up is due or just overdue.
  {
    name: 'Hal Specimen',
    dob: '1966-05-09',
    status: 'discharged',
    eventType: 'CABG',
    eventAgo: 260,
    referredAgo: 250,
    occupation: 'Warehouse supervisor',
    employer: 'Notional Logistics',
    hours: 40,
    contact: 'telephone',
    jobDemands: ['manual_handling', 'shift_work'],
    notes: [[250, -120, 'not_fit']],
    sessionsAgo: [240, 200, 150, 100],
    sessionScores: [2, 4, 5, 6],
    ot: 'ot',
    discharge: { ago: 88, outcome: 'returned_phased', followUpConsent: true, workAbility: 6 },
  },
  // Followed up at 3 months, not reached twice for the 6-month one: overdue.
  {
    name: 'Iris Mockton',
    dob: '1970-09-23',
    status: 'discharged',
    eventType: 'MI',
    eventAgo: 330,
    referredAgo: 320,
    occupation: 'Primary school teacher',
    employer: 'Hypothetical Primary School',
    hours: 32.5,
    contact: 'video',
    jobDemands: ['high_stress'],
    notes: [[320, -200, 'not_fit']],
    sessionsAgo: [310, 280, 240],
    sessionScores: [3, 5, 7],
    ot: 'ot2',
    discharge: { ago: 200, outcome: 'returned_full', followUpConsent: true, workAbility: 7 },
    followUps: [
      ['3m', 110, 'working_full', 8],
      ['6m', 14, 'not_reached'],
      ['6m', 7, 'not_reached'],
    ],
  },
  // Not reached three times in a row at 12 months: lost to follow-up, in no list.
  {
    name: 'Jon Dummy',
    dob: '1959-02-11',
    status: 'discharged',
    eventType: 'valve',
    eventAgo: 520,
    referredAgo: 510,
    occupation: 'Electrician',
    employer: 'Fabricated Electrical Ltd',
    hours: 39,
    contact: 'telephone',
    jobDemands: ['manual_handling', 'driving'],
    notes: [[510, -400, 'not_fit']],
    sessionsAgo: [500, 470, 430],
    sessionScores: [4, 6, 7],
    ot: 'ot',
    discharge: { ago: 400, outcome: 'returned_other_role', followUpConsent: true, workAbility: 7 },
    followUps: [
      ['3m', 305, 'working_other_role', 7],
      ['6m', 215, 'working_reduced', 6],
      ['12m', 40, 'not_reached'],
      ['12m', 30, 'not_reached'],
      ['12m', 20, 'not_reached'],
    ],
  },
];

function fitNotes(id: string, c: DemoCase, t: IsoDate, recordedAt: string, by: string): FitNote[] {
  return c.notes.map(([startAgo, endIn, status], i) => ({
    id: `${id}-fn${i + 1}`,
    status,
    advice: status === 'may_be_fit' ? ['phased_return', 'altered_hours'] : [],
    startDate: addDays(t, -startAgo),
    endDate: addDays(t, endIn),
    issuedBy: 'Dr A. Demo (GP)',
    recordedAt,
    recordedBy: by,
  }));
}

function sessions(
  id: string,
  c: DemoCase,
  t: IsoDate,
  recordedAt: string,
  ot: { aadObjectId: string; name: string },
): Session[] {
  return (c.sessionsAgo ?? []).map((ago, i) => ({
    id: `${id}-s${i + 1}`,
    date: addDays(t, -ago),
    mode: i === 0 ? 'home_visit' : 'telephone',
    durationMinutes: i === 0 ? 60 : 30,
    topics: i === 0 ? ['fatigue', 'confidence'] : ['pacing', 'phased_return'],
    notes: 'Demo session: synthetic notes for a made-up patient.',
    ...(c.sessionScores?.[i] !== undefined ? { workAbility: c.sessionScores[i] } : {}),
    recordedAt,
    recordedBy: ot,
  }));
}

function followUps(id: string, c: DemoCase, t: IsoDate, ot: { aadObjectId: string; name: string }): FollowUpContact[] {
  return (c.followUps ?? []).map(([due, ago, workStatus, workAbility], i) => ({
    id: `${id}-fu${i + 1}`,
    due,
    date: addDays(t, -ago),
    workStatus,
    ...(workStatus !== 'not_reached' ? { absenceDays: 0 } : {}),
    ...(workAbility !== undefined ? { workAbility } : {}),
    notes: 'Demo follow-up: synthetic notes.',
    recordedAt: `${addDays(t, -ago)}T11:00:00.000Z`,
    recordedBy: ot,
  }));
}

/**
 * Writes the demo caseload into `serviceId` (idempotent: fixed ids, existing ones are left alone).
 * Returns how many cases were added.
 */
export async function loadDemoCaseload(deps: StoreDeps, serviceId: string): Promise<number> {
  const t = today(deps);
  const now = nowIso(deps);
  const nurse = demoPerson('nurse');
  const [ot1, ot2] = DEMO_PEOPLE.filter((p) => p.role === 'ot');
  const ots = { ot: ot1, ot2: ot2 ?? ot1 };
  let added = 0;
  for (const [i, c] of CASES.entries()) {
    const id = `demo-case-${i + 1}`;
    if (await deps.store.cases.get(serviceId, id)) continue;
    const ot = c.ot ? { aadObjectId: ots[c.ot].aadObjectId, name: ots[c.ot].name } : undefined;
    const ref = formatCaseRef(await deps.store.cases.nextRef(serviceId));
    const record: CaseRecord = {
      id,
      serviceId,
      ref,
      status: c.status,
      patient: {
        name: c.name,
        nameKey: nameKeyOf(c.name),
        nhsNumber: demoNhsNumber(i + 1),
        dateOfBirth: c.dob,
        phone: `07700 900${String(100 + i)}`,
      },
      referral: {
        eventType: c.eventType,
        eventDate: addDays(t, -c.eventAgo),
        dischargeDate: addDays(t, -c.eventAgo + 4),
        employmentStatus: 'employed',
        occupation: c.occupation,
        employer: c.employer,
        jobDemands: c.jobDemands,
        hoursPerWeek: c.hours,
        fitNoteStatus: c.notes.length ? c.notes[0][2] : 'none',
        contactPreference: c.contact,
        consent: true,
        notes: 'Synthetic demo referral.',
        referredOn: addDays(t, -c.referredAgo),
      },
      referredBy: { aadObjectId: nurse.aadObjectId, name: nurse.name },
      ...(ot ? { assignedOt: ot, acceptedOn: addDays(t, -c.referredAgo + 1) } : {}),
      fitNotes: fitNotes(id, c, t, now, nurse.aadObjectId),
      sessions: ot ? sessions(id, c, t, now, ot) : [],
      ...(c.discharge && ot
        ? {
            discharge: {
              outcome: c.discharge.outcome,
              date: addDays(t, -c.discharge.ago),
              notes: 'Demo discharge.',
              ...(c.discharge.workAbility !== undefined ? { workAbility: c.discharge.workAbility } : {}),
              ...(c.discharge.followUpConsent !== undefined ? { followUpConsent: c.discharge.followUpConsent } : {}),
              by: ot,
              recordedAt: now,
            },
            ...(c.followUps ? { followUps: followUps(id, c, t, ot) } : {}),
          }
        : {}),
      createdAt: now,
      updatedAt: now,
    };
    const due = nextFollowUpDate(record);
    if (due) record.followUpDue = due;
    try {
      await deps.store.cases.create(record);
    } catch (e) {
      if (e instanceof AlreadyExistsError) continue; // another instance seeded it first
      throw e;
    }
    await audit(
      deps,
      { aadObjectId: 'demo', serviceId },
      { action: 'demo.seed', outcome: 'ok', caseId: id, caseRef: ref },
    );
    added += 1;
  }
  deps.log.warn(
    { event: 'demo.data', serviceId, added },
    'DEMO DATA: a synthetic caseload (made-up patients) is loaded',
  );
  return added;
}
