import { strict as assert } from 'node:assert';
import { ConfigError, loadConfig, UNSET_IDENTIFIER_BASE } from '../../src/config';
import { validateReferral } from '../../src/domain/referral';
import type { FitNote } from '../../src/domain/fitNote';
import {
  caseBundle,
  caseRefSystem,
  employmentAtDischarge,
  nhsNumberVerification,
  referralReasons,
} from '../../src/domain/fhir';
import { activeCaseRecord } from '../support/seedCases';

describe('FHIR export rules (UK Core)', () => {
  it('names case references under the organisation’s https namespace, per service; never http, never a URN', () => {
    assert.equal(
      caseRefSystem('https://fhir.example.nhs.uk/', 'mid-yorkshire'),
      'https://fhir.example.nhs.uk/Id/mid-yorkshire/case-reference',
    );
    assert.equal(
      loadConfig({ FHIR_IDENTIFIER_BASE: 'https://fhir.example.nhs.uk' }).fhirIdentifierBase,
      'https://fhir.example.nhs.uk',
    );
    assert.equal(
      loadConfig({ PUBLIC_BASE_URL: 'https://rtw.example.nhs.uk/' }).fhirIdentifierBase,
      'https://rtw.example.nhs.uk',
    );
    assert.equal(loadConfig({ PUBLIC_BASE_URL: 'http://127.0.0.1:3978' }).fhirIdentifierBase, UNSET_IDENTIFIER_BASE);
    assert.equal(loadConfig({}).fhirIdentifierBase, UNSET_IDENTIFIER_BASE);
    assert.throws(() => loadConfig({ FHIR_IDENTIFIER_BASE: 'http://fhir.example.nhs.uk' }), ConfigError);
    assert.throws(() => loadConfig({ FHIR_IDENTIFIER_BASE: 'urn:cardiac-rtw' }), ConfigError);
  });

  it('an NHS number is “present but not traced” unless it was traced', () => {
    const code = (traced?: boolean) =>
      nhsNumberVerification({
        name: 'x',
        nameKey: 'x',
        nhsNumber: '9434765919',
        dateOfBirth: '1970-01-01',
        ...(traced ? { nhsNumberTraced: true } : {}),
      }).valueCodeableConcept.coding[0].code;
    assert.equal(code(), '02');
    assert.equal(code(true), '01');
  });

  it('says an MI treated by PCI or CABG; codes valve surgery; a PCI alone is a PCI', () => {
    const r = (eventType: any, acuteMI?: boolean) =>
      referralReasons({ eventType, eventDate: '2026-06-01', ...(acuteMI === undefined ? {} : { acuteMI }) } as any).map(
        (x: any) => x.coding?.[0]?.code ?? x.text,
      );
    assert.deepEqual(r('PCI', true), ['22298006', '415070008']);
    assert.deepEqual(r('CABG', true), ['22298006', '232717009']);
    assert.deepEqual(r('PCI'), ['415070008']);
    assert.deepEqual(r('valve'), ['73544002']);
    assert.deepEqual(r('other'), ['Other cardiac event on 2026-06-01']);
  });

  it('the referral card records an MI treated by PCI or CABG, and refuses the tick for other events', () => {
    const referral = (eventType: string, acuteMI: string) =>
      validateReferral(
        {
          patientName: 'Pat Example',
          nhsNumber: '943 476 5919',
          dateOfBirth: '1968-04-12',
          eventType,
          acuteMI,
          eventDate: '2026-11-01',
          employmentStatus: 'employed',
          contactPreference: 'telephone',
          consent: 'true',
        },
        '2026-11-25',
      );
    const pci = referral('PCI', 'true');
    assert.ok(pci.ok && pci.value.acuteMI === true);
    const valve = referral('valve', 'true');
    assert.ok(!valve.ok && /Only for a PCI or CABG/.test(valve.errors.acuteMI));
    assert.ok(referral('valve', 'false').ok);
  });

  it('employment status at discharge is an employment status, unknown where the outcome does not tell', () => {
    const at = (outcome: string, employmentStatus = 'employed') =>
      employmentAtDischarge({ discharge: { outcome } as any, referral: { employmentStatus } as any });
    assert.equal(at('returned_full'), 'Employed');
    assert.equal(at('returned_phased', 'self_employed'), 'Self-employed');
    assert.equal(at('returned_other_role', 'self_employed'), 'Employed');
    assert.equal(at('retired'), 'Retired');
    for (const o of ['not_returned_health', 'not_returned_choice', 'lost_contact']) assert.equal(at(o), null, o);
  });

  it('marks only the note that stands as current (CONTRACT §4), and says an indefinite note has no end date', () => {
    const note = (id: string, startDate: string, endDate?: string): FitNote => ({
      id,
      status: 'not_fit',
      advice: [],
      startDate,
      ...(endDate ? { endDate } : { indefinite: true }),
      recordedAt: `${startDate}T12:00:00Z`,
      recordedBy: 'ot',
    });
    const c = activeCaseRecord('mid-yorkshire', 'case-fhir-notes', 'RTW-0990', {
      fitNotes: [note('fn-older', '2026-05-01', '2026-07-31'), note('fn-indefinite', '2026-08-01')],
    });
    const bundle = caseBundle(c, '2026-11-25T10:00:00Z', {
      identifierBase: 'https://fhir.example.nhs.uk',
      today: '2026-11-25',
    });
    const notes = bundle.entry
      .map((e) => e.resource as any)
      .filter((r) => r.resourceType === 'DocumentReference')
      .map((r) => [r.status, r.description, r.context.period.end ?? null]);
    assert.deepEqual(notes, [
      ['superseded', 'Not fit for work from 2026-05-01 to 2026-07-31.', '2026-07-31'],
      ['current', 'Not fit for work from 2026-08-01 with no end date (indefinite).', null],
    ]);
  });
});
