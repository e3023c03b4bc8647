import { ENGLAND_AND_WALES } from '../../src/domain/workingDays';
import type { CaseRecord, Session } from '../../src/domain/case';
import { addDays, type IsoDate } from '../../src/domain/dates';
import type { FitNote } from '../../src/domain/fitNote';
import type { StaffMember } from '../../src/domain/staff';
import type { AdaptiveCard } from '../../src/cards/render';
import { caseCard, caseStatusCard, newReferralCard } from '../../src/cards/case';
import { caseloadCard } from '../../src/cards/caseload';
import { declineFormCard } from '../../src/cards/decline';
import { dischargeFormCard } from '../../src/cards/discharge';
import { followUpFormCard } from '../../src/cards/followup';
import { fitNoteFormCard } from '../../src/cards/fitnote';
import { planFormCard } from '../../src/cards/plan';
import { reportCard, reportFormCard } from '../../src/cards/report';
import { sessionFormCard } from '../../src/cards/session';
import { findResultsCard } from '../../src/cards/findResults';
import { helpCard } from '../../src/cards/help';
import { noticeCard, strangerCard } from '../../src/cards/notice';
import { referralConfirmationCard, referralFormCard } from '../../src/cards/referral';
import { staffCard } from '../../src/cards/staff';
import { whoamiCard } from '../../src/cards/whoami';
import { auditTrailCard } from '../../src/cards/auditTrail';
import { digestCard } from '../../src/cards/digest';
import { downloadCard } from '../../src/cards/download';
import { statsCard } from '../../src/cards/stats';
import { serviceStats } from '../../src/domain/nacr';
import { selectDigest } from '../../src/domain/digest';
import { myDayCard } from '../../src/cards/myDay';
import { selectMyDay } from '../../src/domain/myDay';
import type { Actor } from '../../src/services/core/context';
import { demoNhsNumber } from '../../src/dev/demoData';
import { COMMANDS } from '../../src/teams/commands';

/**
 * Sample data for every card template in `cards/`, in one place: the card test expands each one (and
 * its largest realistic variant, for the 28 KB limit), and `npm run cards:render` draws the typical
 * one into docs/cards/. Cards are built through the same typed modules the bot uses, so a sample
 * shows what people really see. A new template needs an entry here, or the card test fails.
 */
export interface CardSample {
  /** What the gallery shows: a typical, realistic card. */
  typical: () => AdaptiveCard;
  /** The largest card real use can produce (long names, every field, full pages); defaults to typical. */
  largest?: () => AdaptiveCard;
  /** Other states worth checking (a form with every error shown, a refusal). */
  variants?: Record<string, () => AdaptiveCard>;
}

export const SAMPLE_TODAY: IsoDate = '2026-11-25';
/** The sample service's display name (SERVICE_NAMES), as the digest and stats cards show it. */
const SERVICE_NAME = 'Mid Yorkshire Cardiac Rehabilitation';

const LEAD: Actor = {
  aadObjectId: 'de000000-0000-4000-8000-000000000001',
  name: 'Lee Demo-Lead',
  role: 'lead',
  serviceId: 'mid-yorkshire',
};
const OT = { aadObjectId: 'de000000-0000-4000-8000-000000000003', name: 'Oli Demo-OT' };
const NURSE = { aadObjectId: 'de000000-0000-4000-8000-000000000002', name: 'Nia Demo-Nurse' };
const LONG = (s: string, n: number) =>
  `${s} `
    .repeat(Math.ceil(n / (s.length + 1)))
    .slice(0, n)
    .trim();

function session(i: number, long = false): Session {
  return {
    id: `s${i}`,
    date: addDays(SAMPLE_TODAY, -7 * i),
    mode: i % 2 ? 'telephone' : 'home_visit',
    durationMinutes: i % 2 ? 30 : 60,
    topics: long
      ? [
          'fatigue',
          'sleep',
          'confidence',
          'pacing',
          'employer_liaison',
          'workplace_assessment',
          'phased_return',
          'finance',
          'driving',
        ]
      : ['fatigue', 'pacing'],
    notes: long
      ? LONG(
          'Discussed graded activity, sleep routine and the conversation with the line manager about a phased return.',
          2000,
        )
      : 'Walking 30 minutes daily; worried about lifting at work.',
    nextContactDate: addDays(SAMPLE_TODAY, 7),
    recordedAt: `${addDays(SAMPLE_TODAY, -7 * i)}T10:00:00.000Z`,
    recordedBy: OT,
  };
}

function fitNote(i: number, status: FitNote['status'], start: IsoDate, end: IsoDate): FitNote {
  return {
    id: `fn${i}`,
    status,
    advice:
      status === 'may_be_fit' ? ['phased_return', 'altered_hours', 'amended_duties', 'workplace_adaptations'] : [],
    statementDate: start,
    startDate: start,
    endDate: end,
    issuedBy: 'Dr A. Example, Riverside Surgery',
    issuerProfession: 'doctor',
    reassessmentNeeded: true,
    recordedAt: `${start}T09:00:00.000Z`,
    recordedBy: OT.aadObjectId,
  };
}

/** A realistic open case; `long` fills every free-text field to its limit and adds every session and note. */
export function sampleCase(opts: { long?: boolean; status?: CaseRecord['status']; n?: number } = {}): CaseRecord {
  const long = opts.long ?? false;
  const n = opts.n ?? 42;
  const status = opts.status ?? 'active';
  const name = long ? 'Bartholomew Alexander Montgomery-Fictitious-Smythe' : 'Ada Fictional';
  return {
    id: `case-${n}`,
    serviceId: 'mid-yorkshire',
    ref: `RTW-${String(n).padStart(4, '0')}`,
    status,
    patient: {
      name,
      nameKey: name.toLowerCase(),
      nhsNumber: demoNhsNumber(n),
      dateOfBirth: '1971-03-14',
      phone: '07700 900123',
    },
    referral: {
      eventType: 'MI',
      eventDate: '2026-10-12',
      dischargeDate: '2026-10-16',
      employmentStatus: 'employed',
      occupation: long ? LONG('Senior heavy goods vehicle driver and depot trainer', 100) : 'Bus driver',
      employer: long ? LONG('Example Regional Passenger Transport Services Ltd', 100) : 'Example Buses Ltd',
      jobDemands: long
        ? ['manual_handling', 'sedentary', 'shift_work', 'driving', 'vocational_driving', 'travel', 'high_stress']
        : ['vocational_driving', 'shift_work'],
      hoursPerWeek: 37.5,
      fitNoteStatus: 'not_fit',
      contactPreference: 'telephone',
      consent: true,
      notes: long
        ? LONG('Lives alone, anxious about driving again; DVLA guidance discussed at discharge.', 2000)
        : 'Anxious about returning to driving.',
      referredOn: '2026-10-20',
    },
    referredBy: NURSE,
    ...(status !== 'referred' ? { assignedOt: OT, acceptedOn: '2026-10-21' } : {}),
    fitNotes: long
      ? [
          fitNote(1, 'not_fit', '2026-10-16', '2026-11-13'),
          fitNote(2, 'may_be_fit', '2026-11-14', '2026-11-28'),
          fitNote(3, 'may_be_fit', '2026-11-29', '2026-12-27'),
        ]
      : [fitNote(1, 'not_fit', '2026-10-16', '2026-11-27')],
    sessions: status === 'referred' ? [] : Array.from({ length: long ? 30 : 3 }, (_, i) => session(i + 1, long)),
    ...(status === 'discharged'
      ? {
          discharge: {
            outcome: 'returned_phased' as const,
            date: SAMPLE_TODAY,
            notes: 'Back on phased hours.',
            by: OT,
            recordedAt: `${SAMPLE_TODAY}T12:00:00.000Z`,
          },
        }
      : {}),
    createdAt: '2026-10-20T09:00:00.000Z',
    updatedAt: '2026-11-20T09:00:00.000Z',
  };
}

/**
 * A case discharged on 20 May 2026 with consent: the 3-month follow-up done, the 6-month (20 Nov)
 * overdue after one "not reached", Work Ability Scores at the first session, discharge and follow-up.
 */
export function followedUpCase(long = false): CaseRecord {
  const c = sampleCase({ long, status: 'discharged', n: 43 });
  const by = OT;
  return {
    ...c,
    sessions: (c.sessions ?? []).map((x, i) => (i === 0 ? { ...x, date: '2026-03-02', workAbility: 3 } : x)),
    discharge: { ...c.discharge!, date: '2026-05-20', workAbility: 6, followUpConsent: true },
    followUps: [
      {
        id: 'fu-sample-1',
        due: '3m',
        date: '2026-08-19',
        workStatus: 'working_reduced',
        hoursPerWeek: 30,
        absenceDays: 2,
        workAbility: 7,
        notes: long ? LONG('Managing four days a week; tired on the late shift.', 2000) : 'Managing four days a week.',
        recordedAt: '2026-08-19T11:00:00.000Z',
        recordedBy: by,
      },
      {
        id: 'fu-sample-2',
        due: '6m',
        date: '2026-11-18',
        workStatus: 'not_reached',
        recordedAt: '2026-11-18T11:00:00.000Z',
        recordedBy: by,
      },
    ],
    followUpDue: '2026-11-20',
  };
}

function withPlan(c: CaseRecord, phases: number, long = false): CaseRecord {
  return {
    ...c,
    plan: {
      revision: 'rev-1',
      targetReturnDate: '2026-12-07',
      contractedHours: 37.5,
      phases: Array.from({ length: phases }, (_, i) => ({
        start: addDays('2026-12-07', 14 * i),
        hoursPerWeek: Math.min(37.5, 12 + 6 * i),
        daysPerWeek: Math.min(5, 3 + Math.floor(i / 2)),
        duties: long
          ? LONG('Depot duties only, no passenger routes, no night shifts, no lifting above 10 kg', 200)
          : i === 0
            ? 'Depot duties, no passenger routes'
            : 'Short routes',
      })),
      adjustments: long
        ? LONG('Rest breaks every two hours, parking near the entrance, no overtime.', 1000)
        : 'Rest breaks every two hours',
      employerContact: long ? LONG('Pat Example, Depot Manager, 01632 960000', 200) : 'Pat Example, depot manager',
      employerConsent: true,
      updatedAt: '2026-11-20T09:00:00.000Z',
      updatedBy: OT,
    },
  };
}

/** A case with a plan and an employer report saved on it (every part of the AHP report filled in when long). */
function withReport(c: CaseRecord, long = false): CaseRecord {
  const rows = long ? 6 : 2;
  // A plan that can be given to an employer: full hours two weeks after the last phase starts.
  const last = c.plan!.phases.at(-1)?.start ?? c.plan!.targetReturnDate;
  const plan = { ...c.plan!, targetReturnDate: addDays(last, 14) };
  return {
    ...c,
    plan,
    employerReport: {
      id: 'report-submission-1',
      assessedOn: '2026-11-20',
      assessedBy: 'home_visit',
      condition: long ? LONG('Recovering from a heart attack in October', 300) : 'Recovering from a heart attack',
      fitness: 'fit_note',
      fitNote: {
        id: 'fn-1',
        status: 'may_be_fit',
        advice: ['phased_return', 'altered_hours'],
        startDate: '2026-11-10',
        endDate: '2026-12-20',
        issuedBy: long ? LONG('Dr Example, Calder Valley Surgery', 100) : 'Dr Example',
      },
      recommendations: long
        ? ['phased_return', 'altered_hours', 'amended_duties', 'workplace_adaptations', 'workplace_assessment']
        : ['phased_return', 'workplace_assessment'],
      functionalEffects: long
        ? LONG('Tires after four hours; cannot lift over 10 kg for six weeks; anxious about driving.', 2000)
        : 'Tires after four hours; no lifting over 10 kg for six weeks.',
      difficulties: Array.from({ length: rows }, (_, i) => ({
        difficulty: long ? LONG(`Fatigue after long shifts ${i + 1}`, 300) : `Fatigue after four hours (${i + 1})`,
        goal: long ? LONG(`Shorter shifts, building up over four weeks ${i + 1}`, 300) : 'Shorter shifts at first',
      })),
      adviceFrom: '2026-11-25',
      adviceTo: '2027-01-04',
      review: true,
      reviewOn: '2026-12-09',
      practitioner: {
        ...OT,
        profession: 'occupational_therapist',
        registrationNumber: 'OT12345',
        organisation: long
          ? LONG('Mid Yorkshire Teaching NHS Trust, Cardiac Rehabilitation', 200)
          : 'Mid Yorkshire NHS Trust',
        contactDetails: long
          ? LONG('Cardiac Rehabilitation, Pinderfields Hospital, 01924 000000', 300)
          : '01924 000000',
      },
      plan: {
        revision: plan.revision,
        targetReturnDate: plan.targetReturnDate,
        contractedHours: plan.contractedHours,
        phases: plan.phases,
        adjustments: plan.adjustments,
        employerContact: plan.employerContact,
      },
      reportDate: '2026-11-25',
      savedAt: '2026-11-25T10:00:00.000Z',
    },
  };
}

const stored = <T extends object>(x: T) => ({ ...x, _etag: '"0"' });

function staffList(count: number): StaffMember[] {
  const roles = ['lead', 'ot', 'nurse'] as const;
  return Array.from({ length: count }, (_, i) => ({
    aadObjectId: `de000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    serviceId: 'mid-yorkshire',
    name: i === 0 ? LEAD.name : `${LONG('Staffmember-Fictional', 40)} ${i}`,
    role: i === 0 ? 'lead' : roles[i % 3],
    addedBy: LEAD.aadObjectId,
    updatedAt: '2026-11-01T09:00:00.000Z',
  }));
}

const referralErrors = {
  patientName: 'Enter the patient’s name.',
  nhsNumber: 'This NHS number fails its check digit: check it against the letter.',
  dateOfBirth: 'Enter a date of birth in the past.',
  eventDate: 'The event date cannot be in the future.',
  fitNoteEnd: 'In the first 6 months after the cardiac event a fit note covers at most 3 months: check the end date.',
  consent: 'The patient must agree to the referral.',
};

const fullReferral = {
  patientName: LONG('Bartholomew Montgomery-Fictitious', 100),
  nhsNumber: '999 000 0018',
  dateOfBirth: '1971-03-14',
  phone: '07700 900123',
  eventType: 'MI',
  eventDate: '2026-10-12',
  dischargeDate: '2026-10-16',
  employmentStatus: 'employed',
  occupation: LONG('Heavy goods vehicle driver', 100),
  employer: LONG('Example Regional Transport Ltd', 100),
  jobDemands: 'manual_handling,sedentary,shift_work,driving,vocational_driving,travel,high_stress',
  hoursPerWeek: '37.5',
  fitNoteStatus: 'not_fit',
  fitNoteStart: '2026-10-16',
  fitNoteEnd: '2027-03-16',
  contactPreference: 'telephone',
  consent: 'false',
  notes: LONG('Lives alone; anxious about driving again; DVLA guidance given at discharge.', 2000),
};

const SUB = 'sample-submission-0001';
/** Who a sample card refreshes for (`refresh.userIds`). */
const REFRESH_READERS = ['aaaaaaaa-0000-0000-0000-000000000003', 'aaaaaaaa-0000-0000-0000-000000000004'];

export const CARD_SAMPLES: Record<string, CardSample> = {
  help: {
    typical: () =>
      helpCard(
        'lead',
        LEAD.name,
        [...COMMANDS.values()].map((c) => ({ usage: c.usage, summary: c.summary })),
      ),
  },
  whoami: { typical: () => whoamiCard(LEAD) },
  notice: {
    typical: () =>
      noticeCard('Referral accepted', 'RTW-0042 is now on your caseload.', 'good', [
        { title: 'Patient', value: 'Ada Fictional' },
      ]),
    variants: { stranger: () => strangerCard('de000000-0000-4000-8000-000000000099') },
  },
  'referral-form': {
    typical: () => referralFormCard(SUB),
    largest: () => referralFormCard(SUB, fullReferral, referralErrors),
    variants: {
      errors: () =>
        referralFormCard(
          SUB,
          { patientName: 'Ada Fictional', nhsNumber: '999 000 0019' },
          { nhsNumber: referralErrors.nhsNumber },
        ),
    },
  },
  'referral-confirmation': {
    typical: () => referralConfirmationCard(sampleCase({ status: 'referred' })),
    largest: () => referralConfirmationCard(sampleCase({ status: 'referred', long: true })),
  },
  'find-results': {
    typical: () =>
      findResultsCard({
        query: 'fictional',
        statusOnly: false,
        cases: [stored(sampleCase()), stored(sampleCase({ status: 'referred', n: 43 }))],
      }),
    // The search returns at most FIND_LIMIT (20) cases.
    largest: () =>
      findResultsCard({
        query: LONG('fictional', 60),
        statusOnly: false,
        cases: Array.from({ length: 20 }, (_, i) => stored(sampleCase({ long: true, n: 100 + i }))),
      }),
  },
  staff: {
    typical: () => staffCard(LEAD, staffList(5)),
    largest: () =>
      staffCard(LEAD, staffList(40), {
        banner: LONG('Saved.', 200),
        data: { aadObjectId: 'not-an-id', name: 'X', role: 'ot' },
        errors: { aadObjectId: 'This is not an Azure AD object id (8-4-4-4-12 hexadecimal characters).' },
        confirmRemove: staffList(40)[39],
      }),
    variants: {
      'confirm remove': () =>
        staffCard(LEAD, staffList(5), { confirmRemove: staffList(5)[2], serviceName: 'Mid Yorkshire' }),
    },
  },
  case: {
    typical: () => caseCard(withPlan(sampleCase(), 2), SAMPLE_TODAY, { role: 'ot', refreshFor: [REFRESH_READERS[0]] }),
    largest: () =>
      caseCard(withPlan(sampleCase({ long: true }), 6, true), SAMPLE_TODAY, {
        role: 'lead',
        refreshFor: [REFRESH_READERS[0]],
        banner: LONG('Session saved.', 200),
        bannerStyle: 'good',
      }),
    variants: {
      referred: () => caseCard(sampleCase({ status: 'referred' }), SAMPLE_TODAY, { role: 'lead' }),
      newReferral: () => newReferralCard(sampleCase({ status: 'referred' }), SAMPLE_TODAY, REFRESH_READERS),
      'alert, accepted by another': () =>
        newReferralCard(sampleCase(), SAMPLE_TODAY, [], { aadObjectId: REFRESH_READERS[1], role: 'ot' }),
      statusOnly: () => caseStatusCard(sampleCase(), REFRESH_READERS[0]),
      followedUp: () => caseCard(followedUpCase(), SAMPLE_TODAY, { role: 'ot' }),
      followedUpLong: () => caseCard(withPlan(followedUpCase(true), 6, true), SAMPLE_TODAY, { role: 'lead' }),
    },
  },
  'followup-form': {
    typical: () => followUpFormCard(followedUpCase(), SUB, SAMPLE_TODAY, { date: SAMPLE_TODAY }),
    largest: () =>
      followUpFormCard(
        followedUpCase(true),
        SUB,
        SAMPLE_TODAY,
        {
          due: '6m',
          date: '2026-11-26',
          workStatus: 'not_reached',
          hoursPerWeek: '37.5',
          absenceDays: '400',
          workAbility: '10',
          notes: LONG('Left a voicemail and sent a text; will try again on Friday morning.', 2000),
        },
        {
          date: 'The contact date cannot be in the future.',
          hoursPerWeek: 'The patient was not reached: leave this empty.',
          absenceDays: 'The patient was not reached: leave this empty.',
          workAbility: 'The patient was not reached: leave this empty.',
        },
      ),
  },
  caseload: {
    typical: () =>
      caseloadCard(
        { all: false, page: 1, pages: 1, total: 3, cases: [1, 2, 3].map((n) => stored(sampleCase({ n }))) },
        SAMPLE_TODAY,
      ),
    largest: () =>
      caseloadCard(
        {
          all: true,
          page: 1,
          pages: 9,
          total: 200,
          cases: Array.from({ length: 25 }, (_, i) => stored(sampleCase({ long: true, n: i + 1 }))),
        },
        SAMPLE_TODAY,
      ),
  },
  'session-form': {
    typical: () => sessionFormCard(sampleCase(), SUB),
    largest: () =>
      sessionFormCard(
        sampleCase({ long: true }),
        SUB,
        {
          date: SAMPLE_TODAY,
          mode: 'telephone',
          durationMinutes: '45',
          topics: 'fatigue,sleep,confidence,pacing,employer_liaison,workplace_assessment,phased_return,finance,driving',
          notes: LONG('Long note', 4000),
          nextContactDate: '2026-12-02',
        },
        {
          date: 'Enter the date of the session.',
          durationMinutes: 'Enter minutes between 5 and 480.',
          notes: 'Keep notes under 4000 characters.',
        },
      ),
  },
  'fitnote-form': {
    typical: () => fitNoteFormCard(sampleCase(), SUB),
    largest: () =>
      fitNoteFormCard(
        sampleCase({ long: true }),
        SUB,
        {
          status: 'not_fit',
          advice: 'phased_return,altered_hours,amended_duties,workplace_adaptations',
          statementDate: '2026-11-26',
          startDate: '2026-11-25',
          endDate: '2027-05-25',
          indefinite: 'true',
          issuedBy: LONG('Dr A. Example, Riverside Surgery', 100),
          issuerProfession: 'physiotherapist',
          reassessmentNeeded: 'true',
        },
        {
          advice: 'A "not fit for work" note carries no advice: clear the ticks or choose "may be fit".',
          statementDate: 'A fit note cannot be issued after today: check the date.',
          endDate: 'An indefinite note has no end date: clear it, or untick "indefinite".',
          indefinite: 'A note can be indefinite only from 6 months after the cardiac event: give its end date.',
        },
      ),
  },
  'discharge-form': {
    typical: () => dischargeFormCard(sampleCase(), SUB),
    largest: () =>
      dischargeFormCard(
        sampleCase({ long: true }),
        SUB,
        { outcome: 'returned_phased', date: SAMPLE_TODAY, notes: LONG('Returned on phased hours.', 2000) },
        { date: 'The discharge date cannot be in the future.' },
      ),
  },
  'decline-form': {
    typical: () => declineFormCard({ caseId: 'case-42' }),
    largest: () =>
      declineFormCard(
        { caseId: 'case-42', reason: LONG('Not in work and not seeking work.', 1000) },
        { reason: 'Say why the referral is declined.' },
      ),
  },
  'plan-form': {
    typical: () => planFormCard(withPlan(sampleCase(), 2), SUB),
    largest: () =>
      planFormCard(withPlan(sampleCase({ long: true }), 6, true), SUB, {
        addRow: true,
        banner: LONG('Plan saved.', 200),
      }),
  },
  report: {
    typical: () => reportCard(withReport(withPlan(sampleCase(), 2)), SAMPLE_TODAY),
    largest: () =>
      reportCard(withReport(withPlan(sampleCase({ long: true }), 6, true), true), SAMPLE_TODAY, {
        banner: 'Report saved on RTW-0042. This is what the employer will read: download the PDF to send it.',
        download: {
          url: 'https://rtw-bot.example.nhs.uk/files/AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB',
          until: '10:05',
        },
      }),
    variants: {
      'with a PDF link': () =>
        reportCard(withReport(withPlan(sampleCase(), 2)), SAMPLE_TODAY, {
          download: {
            url: 'https://rtw-bot.example.nhs.uk/files/AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB',
            until: '10:05',
          },
        }),
      'out of date: the plan changed since': () =>
        reportCard(
          { ...withReport(withPlan(sampleCase(), 2)), plan: { ...withPlan(sampleCase(), 3).plan!, revision: 'rev-2' } },
          SAMPLE_TODAY,
        ),
    },
  },
  'report-form': {
    typical: () =>
      reportFormCard(withPlan(sampleCase(), 2), SUB, {
        today: SAMPLE_TODAY,
        practitioner: {
          profession: 'occupational_therapist',
          registrationNumber: 'OT12345',
          organisation: 'Mid Yorkshire NHS Trust',
          contactDetails: '01924 000000',
        },
      }),
    largest: () => {
      const c = withReport(withPlan(sampleCase({ long: true }), 6, true), true);
      const data: Record<string, unknown> = {
        assessedOn: '2026-11-20',
        assessedBy: 'home_visit',
        condition: LONG('Recovering from a heart attack', 300),
        fitness: 'may_be_fit',
        recommendations: 'phased_return,altered_hours,amended_duties,workplace_adaptations,workplace_assessment',
        functionalEffects: LONG('Tires after four hours.', 2000),
        adviceFrom: '2026-11-25',
        adviceTo: '2027-01-04',
        review: 'yes',
        reviewOn: '2026-12-09',
        profession: 'occupational_therapist',
        registrationNumber: 'PH1234567890123',
        organisation: LONG('Mid Yorkshire Teaching NHS Trust', 200),
        contactDetails: LONG('Pinderfields Hospital, 01924 000000', 300),
      };
      const errors: Record<string, string> = {
        fitness: LONG('The fit note in force says not fit for work: the report cannot say otherwise.', 300),
        registrationNumber: 'An HCPC registration number is two letters and up to six digits, such as OT12345.',
      };
      for (let n = 1; n <= 6; n++) {
        data[`difficulty${n}`] = LONG(`Fatigue after long shifts ${n}`, 300);
        data[`goal${n}`] = LONG(`Shorter shifts ${n}`, 300);
        errors[`goal${n}`] = 'Give a recommendation or goal for this difficulty.';
      }
      return reportFormCard(c, SUB, { today: SAMPLE_TODAY, data, errors });
    },
    variants: {
      'changing a saved report': () =>
        reportFormCard(withReport(withPlan(sampleCase(), 2)), SUB, { today: SAMPLE_TODAY }),
    },
  },
  audit: {
    typical: () => auditTrailCard(sampleAuditTrail(6), 'Europe/London'),
    // The trail shows at most AUDIT_TRAIL_LIMIT (30) entries.
    largest: () => auditTrailCard(sampleAuditTrail(30), 'Europe/London'),
  },
  digest: {
    typical: () =>
      digestCard({ selection: sampleDigest(8, false), serviceName: SERVICE_NAME, unreachableLeads: [], page: 1 }).card,
    // A big service: the first of several pages, each kept under the byte budget.
    largest: () =>
      digestCard({
        selection: sampleDigest(400, true),
        serviceName: SERVICE_NAME,
        unreachableLeads: [LONG('Leadname-Fictional', 60)],
        page: 1,
      }).card,
    variants: {
      'last page': () =>
        digestCard({ selection: sampleDigest(400, true), serviceName: SERVICE_NAME, unreachableLeads: [], page: 99 })
          .card,
      empty: () =>
        digestCard({
          selection: sampleDigest(0, false),
          serviceName: SERVICE_NAME,
          unreachableLeads: [],
          page: 1,
          preview: true,
        }).card,
    },
  },
  myday: {
    typical: () => myDayCard({ selection: sampleMyDay(8, false), name: OT.name, page: 1 }).card,
    // A big caseload: the first of several pages, each kept under the byte budget.
    largest: () => myDayCard({ selection: sampleMyDay(400, true), name: LONG('Otto Therapist', 100), page: 1 }).card,
    variants: {
      'last page': () => myDayCard({ selection: sampleMyDay(400, true), name: OT.name, page: 99 }).card,
      'empty (today)': () =>
        myDayCard({ selection: sampleMyDay(0, false), name: OT.name, page: 1, preview: true }).card,
    },
  },
  stats: {
    typical: () =>
      statsCard(
        {
          period: 'year',
          from: '2026-01-01',
          to: SAMPLE_TODAY,
          referrals: { received: 41, accepted: 36, declined: 3, awaiting: 2 },
          firstContact: {
            referrals: 41,
            measured: 39,
            within10Days: 29,
            contacted: 35,
            notContacted: 4,
            declined: 3,
            pending: 2,
            medianDays: 6,
          },
          qs99: { miReferrals: 22, measured: 20, within10Days: 11, noDischargeDate: 1, pending: 1 },
          sessions: {
            total: 212,
            byMode: { home_visit: 48, telephone: 97, video: 39, clinic: 11, employer_meeting: 9, did_not_attend: 8 },
          },
          discharges: {
            total: 33,
            byOutcome: {
              returned_full: 9,
              returned_phased: 9,
              returned_other_role: 2,
              not_returned_health: 6,
              not_returned_choice: 3,
              retired: 2,
              lost_contact: 2,
            },
          },
          returnToWork: {
            employedAtReferral: 30,
            returned: 20,
            rate: 20 / 30,
            medianWeeks: 11.4,
            notEmployedAtReferral: 3,
          },
          outcomes: {
            sustained: {
              sixMonths: {
                followedUp: 14,
                stillWorking: 12,
                workingFull: 8,
                workingReduced: 3,
                workingOtherRole: 1,
                offSick: 1,
                notWorking: 1,
              },
              twelveMonths: {
                followedUp: 9,
                stillWorking: 7,
                workingFull: 5,
                workingReduced: 1,
                workingOtherRole: 1,
                offSick: 1,
                notWorking: 1,
              },
            },
            followUps: { owed: 40, done: 31, due: 3, overdue: 4, lost: 2, attemptedNotReached: 4 },
            daysToReturn: { measured: 20, median: 84, datedByDischarge: 6 },
            workAbility: {
              firstContact: { scored: 18, median: 3 },
              discharge: { scored: 19, median: 6 },
              twelveMonths: { scored: 8, median: 7 },
            },
          },
          byMonth: [3, 4, 2, 5, 4, 3, 4, 5, 3, 4, 4].map((referrals, i) => ({
            month: `2026-${String(i + 1).padStart(2, '0')}`,
            referrals,
            returned: [1, 2, 1, 2, 3, 1, 2, 2, 1, 3, 2][i],
          })),
        },
        SERVICE_NAME,
      ),
    variants: {
      'a new service, nothing yet': () => statsCard(serviceStats([], 'month', SAMPLE_TODAY), SERVICE_NAME),
      'since the start, from sample cases': () =>
        statsCard(serviceStats([sampleCase(), sampleCase({ long: true })], 'all', SAMPLE_TODAY), SERVICE_NAME),
      'since the start, with a followed-up case': () =>
        statsCard(serviceStats([sampleCase(), followedUpCase()], 'all', SAMPLE_TODAY), SERVICE_NAME),
    },
  },
  download: {
    typical: () =>
      downloadCard({
        title: 'Audit export (pseudonymised)',
        text: 'One row a case with NACR-style fields. No names, NHS numbers or dates of birth: each patient has a stable pseudonym within the service.',
        button: 'Download CSV',
        file: {
          url: 'https://rtw-bot.example.nhs.uk/files/AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB',
          filename: 'rtw-export-mid-yorkshire-2026-11-25.csv',
          expiresAt: new Date('2026-11-25T10:05:00Z'),
        },
        timezone: 'Europe/London',
        facts: [{ title: 'Cases', value: '48' }],
      }),
  },
};

/** A digest over `n` open cases, a quarter in each list (fit note ending, ended, unaccepted, no contact). */
function sampleDigest(n: number, long: boolean) {
  const cases = Array.from({ length: n }, (_, i) => {
    const kind = i % 4;
    const base = sampleCase({ n: 100 + i, status: kind === 2 ? 'referred' : 'active' });
    // Only the name shows on a digest row: long sessions and notes would only slow the sample down.
    const c = long
      ? { ...base, patient: { ...base.patient, name: 'Bartholomew Alexander Montgomery-Fictitious-Smythe' } }
      : base;
    const end = kind === 0 ? addDays(SAMPLE_TODAY, i % 8) : addDays(SAMPLE_TODAY, -1 - (i % 20));
    return {
      ...c,
      fitNotes:
        kind === 2
          ? []
          : [
              fitNote(1, 'not_fit', '2026-10-16', kind === 3 ? '2027-01-15' : end),
              // One case in eight carries a note typed with the wrong year: "fit notes to check".
              ...(i % 8 === 3 ? [fitNote(2, 'may_be_fit', '2036-11-20', '2036-12-18')] : []),
            ],
      sessions: kind === 3 ? [] : [session(0)],
      referral: { ...c.referral, referredOn: '2026-11-02' },
    };
  });
  return selectDigest(cases, { today: SAMPLE_TODAY, windowDays: 7, holidays: ENGLAND_AND_WALES });
}

/** An OT's day over `n` cases: a quarter each with a contact due, a fit note ending, waiting, a follow-up due. */
function sampleMyDay(n: number, long: boolean) {
  const cases = Array.from({ length: n }, (_, i): CaseRecord => {
    const kind = i % 4;
    if (kind === 3) return { ...followedUpCase(), id: `case-${100 + i}`, ref: `RTW-${100 + i}` };
    const base = sampleCase({ n: 100 + i, status: kind === 2 ? 'referred' : 'active' });
    const c = long
      ? { ...base, patient: { ...base.patient, name: 'Bartholomew Alexander Montgomery-Fictitious-Smythe' } }
      : base;
    return {
      ...c,
      fitNotes: kind === 1 ? [fitNote(1, 'not_fit', '2026-10-16', addDays(SAMPLE_TODAY, i % 8))] : c.fitNotes,
      sessions: kind === 0 ? [{ ...session(1), nextContactDate: addDays(SAMPLE_TODAY, -(i % 5)) }] : (c.sessions ?? []),
    };
  });
  return selectMyDay(cases, { today: SAMPLE_TODAY, windowDays: 7, holidays: ENGLAND_AND_WALES, ot: OT.aadObjectId });
}

function sampleAuditTrail(n: number) {
  const actions = [
    'referral.submit',
    'case.view',
    'referral.accept',
    'session.submit',
    'fitnote.submit',
    'plan.submit',
  ];
  return {
    record: stored(sampleCase()),
    names: { [LEAD.aadObjectId]: LEAD.name, [OT.aadObjectId]: OT.name, [NURSE.aadObjectId]: NURSE.name },
    entries: Array.from({ length: n }, (_, i) => ({
      id: `audit-${i}`,
      serviceId: 'mid-yorkshire',
      at: `2026-11-${String(25 - (i % 24)).padStart(2, '0')}T09:${String(i % 60).padStart(2, '0')}:00Z`,
      actor: [LEAD.aadObjectId, OT.aadObjectId, NURSE.aadObjectId][i % 3],
      action: actions[i % actions.length],
      outcome: 'ok' as const,
      caseId: 'case-42',
      caseRef: 'RTW-0042',
    })),
  };
}
