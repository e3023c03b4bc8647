import { strict as assert } from 'node:assert';
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
