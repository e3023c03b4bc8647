import { checkDigitFor, formatNhsNumber } from '../../src/domain/nhsNumber';
import { userId, type TestUser } from './activities';

/** The cast of the integration tests: one service's staff, a stranger, and another service's lead. */
export const LEAD: TestUser = { aadObjectId: userId(1), name: 'Lena Lead' };
export const NURSE: TestUser = { aadObjectId: userId(2), name: 'Nora Nurse' };
export const OT: TestUser = { aadObjectId: userId(3), name: 'Otto Therapist' };
export const OT2: TestUser = { aadObjectId: userId(4), name: 'Olive Therapist' };
export const NURSE2: TestUser = { aadObjectId: userId(5), name: 'Nell Nurse' };
export const STRANGER: TestUser = { aadObjectId: userId(99), name: 'Sam Stranger' };
export const OTHER_LEAD: TestUser = { aadObjectId: userId(51), name: 'Olga Otherlead' };

let nhsSerial = 0;
/**
 * A fresh valid NHS number from the never-issued 999 range, so that every test patient is a
 * different person (the bot refuses a second open referral for the same NHS number).
 */
export function freshNhsNumber(): string {
  for (;;) {
    nhsSerial += 1;
    const nine = `999${String(process.pid % 1000).padStart(3, '0')}${String(nhsSerial).padStart(3, '0')}`.slice(0, 9);
    const check = checkDigitFor(nine);
    if (check !== null) return formatNhsNumber(`${nine}${check}`);
  }
}

/** A valid referral as the card would send it (2026-11-25 is "today" in the tests). */
export function validReferral(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    submissionId: `sub-${Math.random().toString(36).slice(2, 12)}`,
    patientName: 'Alan Testpatient',
    nhsNumber: freshNhsNumber(),
    dateOfBirth: '1968-04-12',
    phone: '07700 900123',
    eventType: 'MI',
    eventDate: '2026-10-20',
    dischargeDate: '2026-10-24',
    employmentStatus: 'employed',
    occupation: 'Warehouse supervisor',
    employer: 'Calder Logistics',
    jobDemands: 'manual_handling,shift_work',
    hoursPerWeek: '37.5',
    fitNoteStatus: 'not_fit',
    fitNoteStart: '2026-10-24',
    fitNoteEnd: '2026-12-05',
    contactPreference: 'telephone',
    consent: 'true',
    notes: 'Anxious about lifting; wife drives him.',
    ...overrides,
  };
}

/**
 * The employer report card (`report.submit`) as an OT fills it in: fitness as the fit note in force
 * says, a phased return recommended, advice from today (2026-11-25) to 4 January, no review.
 */
export function validReport(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    assessedOn: '2026-11-25',
    assessedBy: 'telephone',
    fitness: 'fit_note',
    recommendations: 'phased_return',
    adviceFrom: '2026-11-25',
    adviceTo: '2027-01-04',
    review: 'no',
    profession: 'occupational_therapist',
    registrationNumber: 'OT54321',
    organisation: 'Mid Yorkshire NHS Trust',
    contactDetails: '01924 000000',
    ...overrides,
  };
}
