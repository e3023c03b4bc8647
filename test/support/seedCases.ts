import type { CaseRecord, DischargeOutcome, Session } from '../../src/domain/case';
import type { IsoDate } from '../../src/domain/dates';
import type { FitNote } from '../../src/domain/fitNote';
import { userId, type TestUser } from './activities';
import { OT } from './people';

/** A case document written straight to the store, for tests of figures and files that need a known caseload. */
export interface SeedSpec {
  serviceId?: string;
  ref: string;
  name?: string;
  nhsNumber?: string;
  dateOfBirth?: IsoDate;
  eventType?: CaseRecord['referral']['eventType'];
  eventDate?: IsoDate;
  /** Hospital discharge after the event; default the event date; null: not recorded. */
  hospitalDischarge?: IsoDate | null;
  /** A PCI or CABG that treated an acute MI. */
  acuteMI?: boolean;
  referredOn: IsoDate;
  employmentStatus?: CaseRecord['referral']['employmentStatus'];
  status?: CaseRecord['status'];
  acceptedOn?: IsoDate;
  ot?: TestUser;
  sessions?: [IsoDate, Session['mode']][];
  discharge?: [DischargeOutcome, IsoDate];
  declinedOn?: IsoDate;
  plan?: { phases: [IsoDate, number, number][]; target: IsoDate; consent?: boolean; contractedHours?: number };
  fitNotes?: [FitNote['status'], IsoDate, IsoDate][];
}

let n = 0;

export function seedCase(spec: SeedSpec, referrer: TestUser, ot: TestUser): CaseRecord {
  const id = `seed-${Date.now().toString(36)}-${++n}`;
  const at = `${spec.referredOn}T09:00:00.000Z`;
  const name = spec.name ?? `Seed Patient ${n}`;
  const who = spec.ot ?? ot;
  const status =
    spec.status ??
    (spec.discharge ? 'discharged' : spec.declinedOn ? 'declined' : spec.acceptedOn ? 'active' : 'referred');
  return {
    id,
    serviceId: spec.serviceId ?? 'mid-yorkshire',
    ref: spec.ref,
    status,
    patient: {
      name,
      nameKey: name.toLowerCase(),
      nhsNumber: spec.nhsNumber ?? '9434765919',
      dateOfBirth: spec.dateOfBirth ?? '1968-04-12',
      phone: '07700 900123',
    },
    referral: {
      eventType: spec.eventType ?? 'MI',
      eventDate: spec.eventDate ?? spec.referredOn,
      ...(spec.hospitalDischarge === null
        ? {}
        : { dischargeDate: spec.hospitalDischarge ?? spec.eventDate ?? spec.referredOn }),
      ...(spec.acuteMI !== undefined ? { acuteMI: spec.acuteMI } : {}),
      employmentStatus: spec.employmentStatus ?? 'employed',
      occupation: 'Warehouse supervisor',
      employer: 'Calder Logistics',
      jobDemands: ['manual_handling'],
      hoursPerWeek: spec.plan?.contractedHours ?? 37.5,
      fitNoteStatus: 'not_fit',
      contactPreference: 'telephone',
      consent: true,
      notes: 'Seeded referral note.',
      referredOn: spec.referredOn,
    },
    referredBy: { aadObjectId: referrer.aadObjectId, name: referrer.name },
    ...(spec.acceptedOn
      ? { assignedOt: { aadObjectId: who.aadObjectId, name: who.name }, acceptedOn: spec.acceptedOn }
      : {}),
    fitNotes: (spec.fitNotes ?? []).map(([s, start, end], i) => ({
      id: `${id}-fn${i}`,
      status: s,
      advice: s === 'may_be_fit' ? ['phased_return'] : [],
      startDate: start,
      endDate: end,
      issuedBy: 'Dr GP',
      recordedAt: `${start}T12:00:00.000Z`,
      recordedBy: who.aadObjectId,
    })),
    sessions: (spec.sessions ?? []).map(([date, mode], i) => ({
      id: `${id}-s${i}`,
      date,
      mode,
      durationMinutes: 45,
      topics: ['fatigue'],
      notes: 'Seeded session note.',
      recordedAt: `${date}T15:00:00.000Z`,
      recordedBy: { aadObjectId: who.aadObjectId, name: who.name },
    })),
    ...(spec.plan
      ? {
          plan: {
            revision: `rev-${id}`,
            targetReturnDate: spec.plan.target,
            contractedHours: spec.plan.contractedHours ?? 37.5,
            phases: spec.plan.phases.map(([start, hoursPerWeek, daysPerWeek]) => ({
              start,
              hoursPerWeek,
              daysPerWeek,
              duties: 'Office duties, no lifting',
            })),
            adjustments: 'No lifting over 10 kg for 6 weeks',
            employerContact: 'Jo Manager',
            employerConsent: spec.plan.consent ?? true,
            updatedAt: at,
            updatedBy: { aadObjectId: who.aadObjectId, name: who.name },
          },
        }
      : {}),
    ...(spec.discharge
      ? {
          discharge: {
            outcome: spec.discharge[0],
            date: spec.discharge[1],
            by: { aadObjectId: who.aadObjectId, name: who.name },
            recordedAt: `${spec.discharge[1]}T16:00:00.000Z`,
          },
        }
      : {}),
    ...(spec.declinedOn
      ? {
          decline: { reason: 'Not in work', by: { aadObjectId: who.aadObjectId, name: who.name }, on: spec.declinedOn },
        }
      : {}),
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * `c` with an employer report saved on it (as `report.submit` would save it on 2026-11-25), for tests
 * that need a report to download without filling in the form.
 */
export function withEmployerReport(c: CaseRecord, ot: TestUser = OT): CaseRecord {
  const plan = c.plan;
  return {
    ...c,
    employerReport: {
      id: `${c.id}-report`,
      assessedOn: '2026-11-20',
      assessedBy: 'telephone',
      fitness: 'not_stated',
      recommendations: ['phased_return'],
      difficulties: [],
      adviceFrom: '2026-11-25',
      adviceTo: '2026-12-31',
      review: false,
      practitioner: {
        aadObjectId: ot.aadObjectId,
        name: ot.name,
        profession: 'occupational_therapist',
        registrationNumber: 'OT12345',
        organisation: 'Mid Yorkshire NHS Trust',
        contactDetails: '01924 000000',
      },
      ...(plan
        ? {
            plan: {
              revision: plan.revision,
              targetReturnDate: plan.targetReturnDate,
              contractedHours: plan.contractedHours,
              phases: plan.phases,
              ...(plan.adjustments ? { adjustments: plan.adjustments } : {}),
              ...(plan.employerContact ? { employerContact: plan.employerContact } : {}),
            },
          }
        : {}),
      reportDate: '2026-11-25',
      savedAt: '2026-11-25T10:00:00.000Z',
    },
  };
}

/**
 * An accepted case of `serviceId` with no fit notes or sessions, for tests that write cases straight
 * to the store; `overrides` supplies what the test is about (ids, dates, notes, status).
 */
export function activeCaseRecord(
  serviceId: string,
  id: string,
  ref: string,
  overrides: Partial<CaseRecord> = {},
): CaseRecord {
  return {
    id,
    serviceId,
    ref,
    status: 'active',
    patient: {
      name: `Patient ${ref}`,
      nameKey: `patient ${ref.toLowerCase()}`,
      nhsNumber: '9434765919',
      dateOfBirth: '1968-04-12',
    },
    referral: {
      eventType: 'MI',
      eventDate: '2026-10-01',
      employmentStatus: 'employed',
      jobDemands: [],
      fitNoteStatus: 'not_fit',
      contactPreference: 'telephone',
      consent: true,
      referredOn: '2026-11-02',
    },
    referredBy: { aadObjectId: userId(2), name: 'Nora Nurse' },
    assignedOt: { aadObjectId: OT.aadObjectId, name: OT.name },
    acceptedOn: '2026-11-03',
    fitNotes: [],
    sessions: [],
    createdAt: '2026-11-02T09:00:00Z',
    updatedAt: '2026-11-02T09:00:00Z',
    ...overrides,
  };
}
