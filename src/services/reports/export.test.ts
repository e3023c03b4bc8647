import { strict as assert } from 'node:assert';
import type { CaseRecord } from '../../domain/case';
import {
  allAudit,
  discharged,
  download,
  expectKind,
  lead,
  nurse,
  okValue,
  OTHER_SERVICE,
  ot,
  otherLead,
  seedCase,
  world,
  type World,
} from '../../../test/support/useCases';
import { EXPORT_REFUSAL, exportCases } from './export';

function patient(name: string, nhsNumber: string) {
  return { name, nameKey: name.toLowerCase(), nhsNumber, dateOfBirth: '1968-04-12' };
}

/** The CSV as rows of cells (no quoted commas in these tests), without Excel's byte-order mark. */
function csvOf(body: Buffer): string[][] {
  assert.deepEqual([...body.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with a UTF-8 byte-order mark');
  return body
    .subarray(3)
    .toString('utf8')
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));
}

describe('exportCases (export)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.close());

  it("exports the service's cases pseudonymised, and audits each case before the file is offered", async () => {
    const a = await seedCase(w.deps, { patient: patient('Zed Identifiable', '9434765919') });
    const b = await seedCase(w.deps, { ...discharged(), patient: patient('Yan Identifiable', '4010232137') });
    await seedCase(w.deps, { patient: patient('Elsewhere Person', '9434765919') }, OTHER_SERVICE);
    const result = okValue(await exportCases(w.deps, lead, { full: false }));
    assert.equal(result.cases, 2);
    assert.equal(result.full, false);
    assert.equal(result.file.filename, 'rtw-export-mid-yorkshire-2026-11-25.csv');

    const file = await download(w.deps, result.file);
    const text = file.body.toString('utf8');
    for (const secret of ['Identifiable', '9434765919', '4010232137', a.ref, 'Elsewhere'])
      assert.equal(text.includes(secret), false, `${secret} is not in a pseudonymised export`);
    const [header, ...rows] = csvOf(file.body);
    assert.equal(header![0], 'pseudonym');
    assert.equal(header!.includes('nhs_number'), false);
    assert.equal(rows.length, 2);
    assert.notEqual(rows[0]![0], rows[1]![0], 'two patients, two pseudonyms');

    const perCase = await allAudit(w, { action: 'case.export' });
    assert.deepEqual(perCase.map((e) => e.caseId).sort(), [a.id, b.id].sort());
    assert.ok(perCase.every((e) => e.detail?.identifiers === 'pseudonymised'));
    const [summary] = await allAudit(w, { action: 'service.export' });
    assert.deepEqual(summary?.detail, { cases: 2, identifiers: 'pseudonymised' });
  });

  it('gives a patient the same pseudonym in every export of the service, and another in another service', async () => {
    await seedCase(w.deps, { patient: patient('Same Person', '9434765919') });
    await seedCase(w.deps, { patient: patient('Same Person', '9434765919') }, OTHER_SERVICE);
    const pseudonym = async (who: typeof lead) =>
      csvOf((await download(w.deps, okValue(await exportCases(w.deps, who, { full: false })).file)).body)[1]![0];
    const first = await pseudonym(lead);
    assert.match(first!, /^P-[0-9A-F]{16}$/);
    assert.equal(await pseudonym(lead), first);
    assert.notEqual(await pseudonym(otherLead), first);
  });

  it('names the patients only when the lead asks for full identifiers, and says so in the audit', async () => {
    const a = await seedCase(w.deps, { patient: patient('Zed Identifiable', '9434765919') });
    const result = okValue(await exportCases(w.deps, lead, { full: true }));
    assert.match(result.file.filename, /-identifiable\.csv$/);
    const [header, row] = csvOf((await download(w.deps, result.file)).body);
    const cell = (name: string) => row![header!.indexOf(name)];
    assert.equal(cell('case_ref'), a.ref);
    assert.equal(cell('nhs_number'), '9434765919');
    assert.equal(cell('patient_name'), 'Zed Identifiable');
    assert.equal((await allAudit(w, { action: 'service.export.full', outcome: 'ok' })).length, 1);
    assert.ok((await allAudit(w, { action: 'case.export' })).every((e) => e.detail?.identifiers === 'full'));
  });

  it('exports follow-ups, NHS Data Dictionary employment codes, and the event apart from its treatment', async () => {
    // Today 2026-11-25. An MI treated by PCI, "other" employment at referral (no code can say which),
    // back full on 2025-11-10 with consent (score 6): 3m (2026-02-10) working full, score 7; 6m
    // (2026-05-10) not reached on 05-04, then reduced hours on 05-11 (20 h, 3 days off, score 6);
    // 12m (2026-11-10) off sick on 11-12, score 4: still employed, 01.
    const by = { aadObjectId: ot.aadObjectId, name: ot.name };
    const fu = (due: '3m' | '6m' | '12m', date: string, workStatus: string, more: object = {}) => ({
      id: `fu-${due}-${date}`,
      due,
      date,
      workStatus,
      recordedAt: `${date}T10:00:00.000Z`,
      recordedBy: by,
      ...more,
    });
    const pci = await seedCase(w.deps, {
      patient: patient('Pat Pci', '9434765919'),
      status: 'discharged',
      discharge: {
        outcome: 'returned_full',
        date: '2025-11-10',
        workAbility: 6,
        followUpConsent: true,
        by,
        recordedAt: '2025-11-10T16:00:00.000Z',
      },
      followUps: [
        fu('3m', '2026-02-10', 'working_full', { workAbility: 7 }),
        fu('6m', '2026-05-04', 'not_reached'),
        fu('6m', '2026-05-11', 'working_reduced', { hoursPerWeek: 20, absenceDays: 3, workAbility: 6 }),
        fu('12m', '2026-11-12', 'off_sick', { workAbility: 4 }),
      ] as CaseRecord['followUps'],
    });
    await w.deps.store.cases.replace(
      {
        ...pci,
        referral: {
          ...pci.referral,
          eventType: 'PCI',
          acuteMI: true,
          employmentStatus: 'other',
          eventDate: '2025-09-01',
        },
      },
      pci._etag,
    );
    // A valve operation, unemployed and seeking work at referral, retired at discharge, no consent:
    // codes 02 and 08, no follow-up owed.
    const valve = await seedCase(w.deps, {
      patient: patient('Val Valve', '4010232137'),
      status: 'discharged',
      discharge: {
        outcome: 'retired',
        date: '2026-10-01',
        followUpConsent: false,
        by,
        recordedAt: '2026-10-01T16:00:00.000Z',
      },
    });
    await w.deps.store.cases.replace(
      {
        ...valve,
        referral: { ...valve.referral, eventType: 'valve', employmentStatus: 'unemployed_seeking' },
      },
      valve._etag,
    );
    const [header, ...rows] = csvOf(
      (await download(w.deps, okValue(await exportCases(w.deps, lead, { full: true })).file)).body,
    );
    const rowOf = (ref: string) => {
      const row = rows.find((r) => r[header!.indexOf('case_ref')] === ref)!;
      return (name: string) => {
        assert.ok(header!.includes(name), `the export has a ${name} column`);
        return row[header!.indexOf(name)];
      };
    };
    const p = rowOf(pci.ref);
    assert.deepEqual(
      ['event_type', 'initiating_event', 'treatment'].map(p),
      ['PCI', 'MI', 'PCI'],
      'an MI treated by PCI can be said',
    );
    assert.deepEqual(
      [
        'employment_status_code_at_referral',
        'employment_status_code_at_discharge',
        'employment_status_code_at_12_months',
      ].map(p),
      ['', '01', '01'],
    );
    assert.deepEqual(['follow_up_consent', 'work_ability_discharge'].map(p), ['yes', '6']);
    assert.deepEqual(
      ['status', 'due_date', 'date', 'work_ability', 'not_reached'].map((f) => p(`follow_up_3m_${f}`)),
      ['working_full', '2026-02-10', '2026-02-10', '7', '0'],
    );
    assert.deepEqual(
      ['status', 'date', 'hours_per_week', 'absence_days', 'work_ability', 'not_reached'].map((f) =>
        p(`follow_up_6m_${f}`),
      ),
      ['working_reduced', '2026-05-11', '20', '3', '6', '1'],
    );
    assert.deepEqual(
      ['status', 'due_date', 'date', 'work_ability'].map((f) => p(`follow_up_12m_${f}`)),
      ['off_sick', '2026-11-10', '2026-11-12', '4'],
    );
    const v = rowOf(valve.ref);
    assert.deepEqual(
      ['initiating_event', 'treatment'].map(v),
      ['', 'valve'],
      'the valve disease itself is not recorded',
    );
    assert.deepEqual(
      [
        'employment_status_code_at_referral',
        'employment_status_code_at_discharge',
        'employment_status_code_at_12_months',
      ].map(v),
      ['02', '08', ''],
    );
    assert.deepEqual(['follow_up_consent', 'follow_up_3m_status', 'follow_up_3m_due_date'].map(v), ['no', '', '']);
  });

  it('refuses an OT and a nurse: nothing read, no file offered, each refusal audited', async () => {
    await seedCase(w.deps);
    for (const who of [ot, nurse])
      assert.equal(expectKind(await exportCases(w.deps, who, { full: true }), 'forbidden').message, EXPORT_REFUSAL);
    assert.deepEqual(
      (await allAudit(w, { action: 'service.export.full' })).map((e) => e.outcome),
      ['refused', 'refused'],
    );
    assert.deepEqual(await allAudit(w, { action: 'case.export' }), []);
    assert.deepEqual(await allAudit(w, { action: 'file.create' }), []);
  });
});
