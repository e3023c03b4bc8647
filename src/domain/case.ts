import type { IsoDate } from './dates';
import type { FitNote } from './fitNote';
import type { ReferralForm } from './referral';
import type { PractitionerDetails } from './staff';
import type { ReportAssessmentMode, ReportFitness, ReportRecommendation } from './vocabulary';

export type CaseStatus = 'referred' | 'active' | 'declined' | 'discharged';
export const OPEN_STATUSES: readonly CaseStatus[] = ['referred', 'active'];

export const STATUS_LABELS: Record<CaseStatus, string> = {
  referred: 'Referred, awaiting an OT',
  active: 'Open with an OT',
  declined: 'Referral declined',
  discharged: 'Discharged',
};

export interface PersonRef {
  aadObjectId: string;
  name: string;
}

export interface Patient {
  name: string;
  /** Lower-case copy of the name for case-insensitive search in the store. */
  nameKey: string;
  nhsNumber: string;
  /** True only when the number was traced against PDS (Personal Demographics Service); nothing sets it yet. */
  nhsNumberTraced?: boolean;
  dateOfBirth: IsoDate;
  phone?: string;
}

export interface Referral {
  eventType: ReferralForm['eventType'];
  eventDate: IsoDate;
  /**
   * For a PCI or CABG: the procedure treated an acute myocardial infarction, so the referral is an MI
   * referral for NICE QS99 and the FHIR export says both. Absent: not recorded (taken as no).
   */
  acuteMI?: boolean;
  dischargeDate?: IsoDate;
  employmentStatus: ReferralForm['employmentStatus'];
  occupation?: string;
  employer?: string;
  jobDemands: NonNullable<ReferralForm['jobDemands']>;
  hoursPerWeek?: number;
  fitNoteStatus: NonNullable<ReferralForm['fitNoteStatus']>;
  contactPreference: ReferralForm['contactPreference'];
  consent: true;
  notes?: string;
  referredOn: IsoDate;
}

/**
 * A case is one patient's journey through the service, kept as one document (the aggregate):
 * its fit notes, sessions and plan change together and are read together, and an etag guards the lot.
 */
export interface Session {
  id: string;
  date: IsoDate;
  mode: 'home_visit' | 'telephone' | 'video' | 'clinic' | 'employer_meeting' | 'did_not_attend';
  durationMinutes: number;
  topics: string[];
  notes: string;
  nextContactDate?: IsoDate;
  /** The Work Ability Score that day (0 = cannot work at all, 10 = lifetime best); optional, absent on older sessions. */
  workAbility?: number;
  recordedAt: string;
  recordedBy: PersonRef;
}

export interface PlanPhase {
  start: IsoDate;
  hoursPerWeek: number;
  daysPerWeek: number;
  duties?: string;
}

/** The phased return-to-work plan. `revision` changes on every save: the card's etag is checked against it. */
export interface ReturnPlan {
  revision: string;
  targetReturnDate: IsoDate;
  contractedHours: number;
  phases: PlanPhase[];
  adjustments?: string;
  employerContact?: string;
  employerConsent: boolean;
  /** The card submission that saved this revision: a Teams retry of it is answered, not refused as stale. */
  submissionId?: string;
  updatedAt: string;
  updatedBy: PersonRef;
}

export type DischargeOutcome =
  | 'returned_full'
  | 'returned_phased'
  | 'returned_other_role'
  | 'not_returned_health'
  | 'not_returned_choice'
  | 'retired'
  | 'lost_contact';

export interface Discharge {
  outcome: DischargeOutcome;
  date: IsoDate;
  notes?: string;
  /** The Work Ability Score at discharge (0–10); optional. */
  workAbility?: number;
  /**
   * The patient agrees to be contacted at 3, 6 and 12 months (CONTRACT §4). Absent on discharges
   * recorded before follow-ups existed: nobody asked, so no follow-up is owed.
   */
  followUpConsent?: boolean;
  by: PersonRef;
  recordedAt: string;
}

/** Which follow-up after discharge (CONTRACT §3 `followup.submit` `due`). */
export type FollowUpDue = '3m' | '6m' | '12m';

export type FollowUpWorkStatus =
  | 'working_full'
  | 'working_reduced'
  | 'working_other_role'
  | 'off_sick'
  | 'not_working'
  | 'not_reached';

/** One follow-up contact, or one attempt at it (`not_reached`), after discharge. */
export interface FollowUpContact {
  /** The card's submissionId: a Teams retry finds it and writes nothing. */
  id: string;
  due: FollowUpDue;
  date: IsoDate;
  workStatus: FollowUpWorkStatus;
  hoursPerWeek?: number;
  /** Days off sick since the last contact. */
  absenceDays?: number;
  workAbility?: number;
  notes?: string;
  recordedAt: string;
  recordedBy: PersonRef;
}

export interface Decline {
  reason: string;
  by: PersonRef;
  on: IsoDate;
}

/** The fit note a report quotes, as it stood when the report was saved. */
export type QuotedFitNote = Pick<FitNote, 'id' | 'status' | 'advice' | 'startDate'> & {
  /** Absent for an indefinite note. */
  endDate?: IsoDate;
  issuedBy?: string;
  /** `doctor`, `nurse`, `occupational_therapist`, `pharmacist` or `physiotherapist` (CONTRACT §3), when recorded. */
  issuerProfession?: string;
};

/** The plan a report shows, as it stood when the report was saved. */
export type QuotedPlan = Pick<
  ReturnPlan,
  'revision' | 'targetReturnDate' | 'contractedHours' | 'phases' | 'adjustments' | 'employerContact'
>;

/** A saved employer report: the practitioner's entries, and what was recorded that it quotes. */
export interface EmployerReport {
  /** The card submission that saved it (a retry is answered, not saved twice). */
  id: string;
  assessedOn: IsoDate;
  assessedBy: ReportAssessmentMode;
  condition?: string;
  fitness: ReportFitness;
  /** The fit note in force on `reportDate`, if any (quoted whatever `fitness` says). */
  fitNote?: QuotedFitNote;
  recommendations: ReportRecommendation[];
  functionalEffects?: string;
  difficulties: { difficulty: string; goal: string }[];
  adviceFrom: IsoDate;
  adviceTo: IsoDate;
  review: boolean;
  reviewOn?: IsoDate;
  practitioner: PersonRef & PractitionerDetails;
  plan?: QuotedPlan;
  /** The day the report was saved: its date as the employer reads it. */
  reportDate: IsoDate;
  savedAt: string;
}

export interface CaseRecord {
  id: string;
  serviceId: string;
  ref: string;
  status: CaseStatus;
  patient: Patient;
  referral: Referral;
  referredBy: PersonRef;
  assignedOt?: PersonRef;
  acceptedOn?: IsoDate;
  fitNotes: FitNote[];
  /** Optional on read: documents written before casework existed have none. */
  sessions?: Session[];
  plan?: ReturnPlan;
  discharge?: Discharge;
  /** Follow-up contacts and attempts after discharge, in the order recorded; absent on older cases. */
  followUps?: FollowUpContact[];
  /**
   * The date the next follow-up still owed falls due (`nextFollowUpDate` in domain/followUp.ts), kept
   * by the discharge and follow-up saves; absent when none is owed. The digest's query reads
   * discharged cases by it, so that it never reads the whole history.
   */
  followUpDue?: IsoDate;
  decline?: Decline;
  /** The employer report as last saved (`report.submit`); the report card and PDF show only this. */
  employerReport?: EmployerReport;
  createdAt: string;
  updatedAt: string;
}

/** A name's search key (`Patient.nameKey`): lower case, runs of spaces as one; `find` builds its key the same way. */
export function nameKeyOf(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

export function isOpen(c: Pick<CaseRecord, 'status'>): boolean {
  return OPEN_STATUSES.includes(c.status);
}
