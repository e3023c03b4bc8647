import { strict as assert } from 'node:assert';
import {
  allAudit,
  caseAudit,
  download,
  expectKind,
  nurse,
  okValue,
  OTHER_SERVICE,
  ot,
  referred,
  seedCase,
  world,
  type World,
} from '../../../test/support/useCases';
import { FHIR_REFUSAL, fhirExport } from './fhir';

describe('fhirExport (fhir <ref>)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.close());

  it('offers the whole case as a FHIR Bundle named by reference, audited before it is offered', async () => {
    const c = await seedCase(w.deps);
    const result = okValue(await fhirExport(w.deps, ot, c.ref));
    assert.equal(result.ref, c.ref);
    assert.equal(result.file.filename, `${c.ref}-fhir-r4-bundle-2026-11-25.json`);
    const file = await download(w.deps, result.file);
    assert.equal(file.caseId, c.id);
    const bundle = JSON.parse(file.body.toString('utf8'));
    assert.equal(bundle.resourceType, 'Bundle');
    assert.equal(bundle.entry.length, result.resources);
    assert.ok(JSON.stringify(bundle).includes(c.patient.nhsNumber));
    const [entry] = await caseAudit(w.deps, c, 'case.fhir');
    assert.deepEqual([entry?.outcome, entry?.detail?.resources], ['ok', result.resources]);
    assert.equal((await caseAudit(w.deps, c, 'file.create')).length, 1);
  });

  it('refuses a nurse, even for a case she referred, and audits it', async () => {
    const c = await seedCase(w.deps, referred(nurse));
    assert.equal(expectKind(await fhirExport(w.deps, nurse, c.ref), 'forbidden').message, FHIR_REFUSAL);
    const [refusal, ...more] = await allAudit(w, { action: 'case.fhir' });
    assert.equal(more.length, 0);
    assert.deepEqual([refusal!.outcome, refusal!.caseRef], ['refused', c.ref]);
    assert.deepEqual(await allAudit(w, { action: 'file.create' }), []);
  });

  it("answers not found for another service's case and offers nothing", async () => {
    const theirs = await seedCase(w.deps, {}, OTHER_SERVICE);
    expectKind(await fhirExport(w.deps, ot, theirs.ref), 'not_found');
    assert.deepEqual(await allAudit(w, { action: 'file.create' }), []);
  });
});
