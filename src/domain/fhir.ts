import { createHash } from 'node:crypto';
import type { CaseRecord, Session } from './case';
import { addDays, type IsoDate } from './dates';
import { latestStartedNote } from './fitNote';
import {
  DISCHARGE_OUTCOMES,
  EMPLOYMENT_STATUSES,
  EVENT_TYPES,
  FIT_NOTE_ADVICE,
  FOLLOW_UP_DUES,
  FOLLOW_UP_WORK_STATUSES,
  SESSION_MODES,
} from './vocabulary';

/**
 * A case as a FHIR R4 Bundle with the UK Core profiles (Patient, ServiceRequest for the referral,
 * an Encounter per session, CarePlan for the phased plan, Observations for employment status, a
 * DocumentReference per fit note). Resources refer to each other by `urn:uuid:` full URLs inside the
 * bundle. Ids are derived from the case and the resource, so the same case gives the same ids.
 * Free-text notes stay out: what is shared is structured.
 */

export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
const UK_CORE = 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-';
export const NHS_NUMBER_VERIFICATION_EXTENSION =
  'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus';
export const NHS_NUMBER_VERIFICATION_SYSTEM =
  'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland';
const SNOMED = 'http://snomed.info/sct';
const LOINC = 'http://loinc.org';

type Resource = { resourceType: string; id: string; [k: string]: unknown };
export interface Bundle {
  resourceType: 'Bundle';
  id: string;
  type: 'collection';
  timestamp: string;
  entry: { fullUrl: string; resource: Resource }[];
}

/** A name-based UUID (version 5 layout) of `key`: stable, and unguessable only as far as the case id is. */
function uuidOf(key: string): string {
  const h = createHash('sha1').update(`cardiac-rtw-fhir:${key}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

const MI_SNOMED: [string, string] = ['22298006', 'Myocardial infarction'];
/** SNOMED CT codes for the cardiac events that have one; "other" goes as text. */
const EVENT_SNOMED: Partial<Record<CaseRecord['referral']['eventType'], [string, string]>> = {
  MI: MI_SNOMED,
  PCI: ['415070008', 'Percutaneous coronary intervention'],
  CABG: ['232717009', 'Coronary artery bypass grafting'],
  valve: ['73544002', 'Operation on heart valve'],
  heart_failure: ['84114007', 'Heart failure'],
};

/**
 * Why the patient was referred, as ServiceRequest.reasonCode: the event, coded where SNOMED CT has a
 * code; a PCI or CABG recorded as treating an acute MI says both, the MI first.
 */
export function referralReasons(referral: CaseRecord['referral']): { coding?: unknown[]; text: string }[] {
  const { eventType, eventDate } = referral;
  const label = EVENT_TYPES.labels[eventType];
  const coded = (code: [string, string] | undefined) =>
    code ? { coding: [{ system: SNOMED, code: code[0], display: code[1] }] } : {};
  const treatedMI = (eventType === 'PCI' || eventType === 'CABG') && referral.acuteMI === true;
  return [
    ...(treatedMI
      ? [{ ...coded(MI_SNOMED), text: `${EVENT_TYPES.labels.MI} treated by ${label} on ${eventDate}` }]
      : []),
    { ...coded(EVENT_SNOMED[eventType]), text: `${label} on ${eventDate}` },
  ];
}

/**
 * The NHS number's verification status (UK Core extension). Only a trace against the Personal
 * Demographics Service verifies a number; nothing in this service traces, so a number typed on a
 * referral is "present but not traced" unless the record says it was traced.
 */
export function nhsNumberVerification(patient: CaseRecord['patient']) {
  const [code, display] = patient.nhsNumberTraced
    ? ['01', 'Number present and verified']
    : ['02', 'Number present but not traced'];
  return {
    url: NHS_NUMBER_VERIFICATION_EXTENSION,
    valueCodeableConcept: { coding: [{ system: NHS_NUMBER_VERIFICATION_SYSTEM, code, display }] },
  };
}

/**
 * The system of the service's case references: an https address under the organisation's own domain
 * (`identifierBase`, FHIR_IDENTIFIER_BASE), one per service, since references are unique per service.
 */
export function caseRefSystem(identifierBase: string, serviceId: string): string {
  return `${identifierBase.replace(/\/+$/, '')}/Id/${encodeURIComponent(serviceId)}/case-reference`;
}

/**
 * Employment status at discharge, read from the outcome: back at work (in the job, phased, or in
 * another role) is employed (self-employed when that is what they were), retired is retired; for the
 * others the status was not recorded (not returned could be on sick leave or out of work).
 */
export function employmentAtDischarge(c: Pick<CaseRecord, 'discharge' | 'referral'>): string | null {
  switch (c.discharge?.outcome) {
    case 'returned_full':
    case 'returned_phased':
      return EMPLOYMENT_STATUSES.labels[c.referral.employmentStatus === 'self_employed' ? 'self_employed' : 'employed'];
    case 'returned_other_role':
      return EMPLOYMENT_STATUSES.labels.employed;
    case 'retired':
      return 'Retired';
    default:
      return null;
  }
}

/** v3 ActCode encounter classes. */
const ENCOUNTER_CLASS: Record<Session['mode'], [string, string]> = {
  home_visit: ['HH', 'home health'],
  telephone: ['VR', 'virtual'],
  video: ['VR', 'virtual'],
  clinic: ['AMB', 'ambulatory'],
  employer_meeting: ['FLD', 'field'],
  did_not_attend: ['AMB', 'ambulatory'],
};

const SERVICE_REQUEST_STATUS: Record<CaseRecord['status'], string> = {
  referred: 'active',
  active: 'active',
  discharged: 'completed',
  declined: 'revoked',
};

const employmentCode = {
  coding: [{ system: LOINC, code: '74165-2', display: 'History of employment status' }],
  text: 'Employment status',
};

export interface BundleOptions {
  /** https address under the organisation's own domain that names its identifiers (see `caseRefSystem`). */
  identifierBase: string;
  /** Today in the service's zone: which fit note stands is decided on it. */
  today: IsoDate;
}

/** A period that never runs backwards: an end before the start (a data error) is left out, not sent. */
function forwardPeriod(start: string, end: string): { start: string; end?: string } {
  return end >= start ? { start, end } : { start };
}

export function caseBundle(c: CaseRecord, generatedAt: string, options: BundleOptions): Bundle {
  const entry: Bundle['entry'] = [];
  const add = (key: string, resource: Omit<Resource, 'id'>): string => {
    const id = uuidOf(`${c.serviceId}:${c.id}:${key}`);
    const fullUrl = `urn:uuid:${id}`;
    entry.push({ fullUrl, resource: { ...resource, id } as Resource });
    return fullUrl;
  };
  const profile = (name: string) => ({ profile: [`${UK_CORE}${name}`] });

  const patient = add('patient', {
    resourceType: 'Patient',
    meta: profile('Patient'),
    identifier: [
      { extension: [nhsNumberVerification(c.patient)], system: NHS_NUMBER_SYSTEM, value: c.patient.nhsNumber },
    ],
    // The name as one string: which part is the family name is not recorded, and guessing it from
    // word order is wrong for many names.
    name: [{ use: 'official', text: c.patient.name }],
    birthDate: c.patient.dateOfBirth,
    ...(c.patient.phone ? { telecom: [{ system: 'phone', value: c.patient.phone }] } : {}),
  });
  const subject = { reference: patient };

  const referral = add('referral', {
    resourceType: 'ServiceRequest',
    meta: profile('ServiceRequest'),
    identifier: [{ system: caseRefSystem(options.identifierBase, c.serviceId), value: c.ref }],
    status: SERVICE_REQUEST_STATUS[c.status],
    intent: 'order',
    code: { text: 'Vocational rehabilitation: return-to-work occupational therapy after a cardiac event' },
    subject,
    authoredOn: c.referral.referredOn,
    requester: { display: c.referredBy.name },
    ...(c.assignedOt ? { performer: [{ display: c.assignedOt.name }] } : {}),
    reasonCode: referralReasons(c.referral),
  });

  for (const s of [...(c.sessions ?? [])].sort((a, b) => a.date.localeCompare(b.date))) {
    const [code, display] = ENCOUNTER_CLASS[s.mode];
    add(`session:${s.id}`, {
      resourceType: 'Encounter',
      meta: profile('Encounter'),
      status: s.mode === 'did_not_attend' ? 'cancelled' : 'finished',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code, display },
      type: [{ text: SESSION_MODES.labels[s.mode] }],
      subject,
      basedOn: [{ reference: referral }],
      period: { start: s.date, end: s.date },
      length: { value: s.durationMinutes, unit: 'min', system: 'http://unitsofmeasure.org', code: 'min' },
      participant: [{ individual: { display: s.recordedBy.name } }],
    });
  }

  if (c.plan) {
    const phases = [...c.plan.phases].sort((a, b) => a.start.localeCompare(b.start));
    const closed = c.status === 'discharged';
    add('plan', {
      resourceType: 'CarePlan',
      meta: profile('CarePlan'),
      status: closed ? 'completed' : 'active',
      intent: 'plan',
      title: 'Phased return to work',
      description: `Phased return to ${c.plan.contractedHours} contracted hours a week by ${c.plan.targetReturnDate}.`,
      subject,
      period: forwardPeriod(phases[0]?.start ?? c.plan.updatedAt.slice(0, 10), c.plan.targetReturnDate),
      created: c.plan.updatedAt,
      author: { display: c.plan.updatedBy.name },
      activity: phases.map((p, i) => ({
        detail: {
          status: closed ? 'completed' : 'scheduled',
          description: `Phase ${i + 1}: ${p.hoursPerWeek} hours over ${p.daysPerWeek} days a week${p.duties ? `; duties: ${p.duties}` : ''}`,
          scheduledPeriod: forwardPeriod(
            p.start,
            phases[i + 1] ? addDays(phases[i + 1].start, -1) : c.plan!.targetReturnDate,
          ),
        },
      })),
    });
  }

  // Employment status as social-history Observations: at referral, and at discharge when there is one.
  const employment = (date: string, text: string | null, extra: Record<string, unknown> = {}) => ({
    resourceType: 'Observation',
    meta: profile('Observation'),
    status: 'final',
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/observation-category',
            code: 'social-history',
            display: 'Social History',
          },
        ],
      },
    ],
    code: employmentCode,
    subject,
    effectiveDateTime: date,
    ...(text === null
      ? {
          dataAbsentReason: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason',
                code: 'unknown',
                display: 'Unknown',
              },
            ],
          },
        }
      : { valueCodeableConcept: { text } }),
    ...extra,
  });
  add(
    'employment:referral',
    employment(
      c.referral.referredOn,
      EMPLOYMENT_STATUSES.labels[c.referral.employmentStatus],
      c.referral.occupation
        ? { component: [{ code: { text: 'Occupation' }, valueString: c.referral.occupation }] }
        : {},
    ),
  );
  // The value is the employment status; the service's outcome goes beside it as a component.
  if (c.discharge)
    add(
      'employment:discharge',
      employment(c.discharge.date, employmentAtDischarge(c), {
        component: [
          {
            code: { text: 'Return-to-work outcome at discharge from the service' },
            valueCodeableConcept: { text: DISCHARGE_OUTCOMES.labels[c.discharge.outcome] },
          },
        ],
      }),
    );

  // Each follow-up contact made after discharge (a "not reached" attempt records nothing about the
  // patient, so it is left out): the employment status then, and the Work Ability Score when recorded.
  // Neither has a code here: the work status is the service's own vocabulary, and no code system for a
  // single-item Work Ability Score is confirmed, so both go as text rather than under an invented code.
  const contacts = [...(c.followUps ?? [])]
    .filter((x) => x.workStatus !== 'not_reached')
    .sort((a, b) => a.date.localeCompare(b.date) || a.recordedAt.localeCompare(b.recordedAt));
  for (const x of contacts) {
    const which = {
      code: { text: 'Follow-up after discharge from the service' },
      valueCodeableConcept: { text: FOLLOW_UP_DUES.labels[x.due] },
    };
    add(
      `followup:${x.id}:employment`,
      employment(x.date, FOLLOW_UP_WORK_STATUSES.labels[x.workStatus], {
        basedOn: [{ reference: referral }],
        component: [
          which,
          ...(typeof x.hoursPerWeek === 'number'
            ? [{ code: { text: 'Hours worked per week' }, valueQuantity: { value: x.hoursPerWeek, unit: 'h/wk' } }]
            : []),
          ...(typeof x.absenceDays === 'number'
            ? [
                {
                  code: { text: 'Days off sick since the last contact' },
                  valueQuantity: { value: x.absenceDays, unit: 'd', system: 'http://unitsofmeasure.org', code: 'd' },
                },
              ]
            : []),
        ],
      }),
    );
    if (typeof x.workAbility === 'number')
      add(`followup:${x.id}:workability`, {
        resourceType: 'Observation',
        meta: profile('Observation'),
        status: 'final',
        category: [
          {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/observation-category',
                code: 'survey',
                display: 'Survey',
              },
            ],
          },
        ],
        code: {
          text: 'Work Ability Score (single item: 0 = cannot work at all, 10 = work ability at its lifetime best)',
        },
        subject,
        basedOn: [{ reference: referral }],
        effectiveDateTime: x.date,
        valueInteger: x.workAbility,
        component: [which],
      });
  }

  // One rule for which note stands (CONTRACT §4): the latest-starting note is the current document; the
  // notes it superseded are marked so, rather than every note claiming to be current.
  const latest = latestStartedNote(c.fitNotes ?? [], options.today);
  for (const n of [...(c.fitNotes ?? [])].sort((a, b) => a.startDate.localeCompare(b.startDate))) {
    const until = n.endDate ? `to ${n.endDate}` : 'with no end date (indefinite)';
    const summary =
      n.status === 'not_fit'
        ? `Not fit for work from ${n.startDate} ${until}.`
        : `May be fit for work from ${n.startDate} ${until}${n.advice.length ? `, with: ${n.advice.map((a) => FIT_NOTE_ADVICE.labels[a].toLowerCase()).join(', ')}` : ''}.`;
    const superseded = latest !== null && n !== latest && n.startDate <= options.today;
    add(`fitnote:${n.id}`, {
      resourceType: 'DocumentReference',
      meta: profile('DocumentReference'),
      status: superseded ? 'superseded' : 'current',
      docStatus: 'final',
      type: { text: 'Statement of fitness for work (Med3 fit note)' },
      subject,
      date: n.recordedAt,
      ...(n.issuedBy ? { author: [{ display: n.issuedBy }] } : {}),
      description: summary,
      content: [
        {
          attachment: {
            contentType: 'text/plain',
            title: 'Fit note summary',
            data: Buffer.from(summary, 'utf8').toString('base64'),
          },
        },
      ],
      context: { period: forwardPeriod(n.startDate, n.endDate ?? ''), related: [{ reference: referral }] },
    });
  }

  return {
    resourceType: 'Bundle',
    id: uuidOf(`${c.serviceId}:${c.id}:bundle:${generatedAt}`),
    type: 'collection',
    timestamp: generatedAt,
    entry,
  };
}
