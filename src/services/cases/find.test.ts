import { strict as assert } from 'node:assert';
import {
  allAudit,
  discharged,
  expectKind,
  nurse,
  nurse2,
  okValue,
  OTHER_SERVICE,
  ot,
  referred,
  seedCase,
  world,
  type World,
} from '../../../test/support/useCases';
import { criterionFor, findCases } from './find';

function patient(name: string, nhsNumber = '9434765919') {
  return { name, nameKey: name.toLowerCase(), nhsNumber, dateOfBirth: '1968-04-12' };
}

describe('findCases (find <NHS number | name | reference>)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.close());

  it('finds by part of a name, open and discharged alike, and audits each case shown', async () => {
    const open = await seedCase(w.deps, { patient: patient('Alan Harrow') });
    const closed = await seedCase(w.deps, { ...discharged(), patient: patient('Joan Harrowby') });
    await seedCase(w.deps, { patient: patient('Someone Else') });
    const found = okValue(await findCases(w.deps, ot, '  HARROW '));
    assert.equal(found.query, 'HARROW');
    assert.equal(found.statusOnly, false);
    assert.deepEqual(found.cases.map((c) => c.id).sort(), [open.id, closed.id].sort());
    const reads = await allAudit(w, { action: 'case.find', outcome: 'ok' });
    assert.deepEqual(reads.map((e) => e.caseId).sort(), [open.id, closed.id].sort());
    assert.ok(reads.every((e) => e.detail?.by === 'name'));
  });

  it('finds by NHS number typed with spaces, and by reference', async () => {
    const c = await seedCase(w.deps, { patient: patient('Nhs Match', '4010232137') });
    await seedCase(w.deps);
    assert.deepEqual(
      okValue(await findCases(w.deps, ot, '401 023 2137')).cases.map((x) => x.id),
      [c.id],
    );
    assert.deepEqual(
      okValue(await findCases(w.deps, ot, c.ref.toLowerCase())).cases.map((x) => x.id),
      [c.id],
    );
  });

  it('shows a nurse only the cases they referred, status only', async () => {
    const hers = await seedCase(w.deps, { ...referred(nurse), patient: patient('Pat Common') });
    await seedCase(w.deps, { ...referred(nurse2), patient: patient('Pat Common') });
    const found = okValue(await findCases(w.deps, nurse, 'pat common'));
    assert.equal(found.statusOnly, true);
    assert.deepEqual(
      found.cases.map((c) => c.id),
      [hers.id],
    );
  });

  it("never finds another service's cases", async () => {
    await seedCase(w.deps, { patient: patient('Far Away') }, OTHER_SERVICE);
    const found = okValue(await findCases(w.deps, ot, 'far away'));
    assert.deepEqual(found.cases, []);
    const [entry, ...more] = await allAudit(w, { action: 'case.find' });
    assert.equal(more.length, 0);
    assert.equal(entry!.outcome, 'not_found');
    assert.equal(entry!.caseId, undefined);
  });

  it('names the query when it is neither a reference, an NHS number nor a name, and reads nothing', async () => {
    await seedCase(w.deps);
    for (const q of ['12345', 'a', '   ']) {
      const outcome = expectKind(await findCases(w.deps, ot, q), 'invalid');
      assert.deepEqual(Object.keys(outcome.errors), ['query']);
    }
    assert.deepEqual(await allAudit(w, { action: 'case.find' }), []);
  });
});

describe('criterionFor', () => {
  it('tells a reference, an NHS number and a name apart', () => {
    assert.deepEqual(criterionFor('rtw42'), { kind: 'ref', ref: 'RTW-0042' });
    assert.deepEqual(criterionFor('943 476 5919'), { kind: 'nhsNumber', nhsNumber: '9434765919' });
    assert.deepEqual(criterionFor('  Alan   Smith '), { kind: 'name', nameKey: 'alan smith' });
    assert.equal(criterionFor('943 476'), null);
    assert.equal(criterionFor('x'), null);
  });
});
