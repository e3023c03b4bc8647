import { strict as assert } from 'node:assert';
import {
  allAudit,
  declined,
  discharged,
  expectKind,
  lead,
  nurse,
  okValue,
  OTHER_SERVICE,
  ot,
  ot2,
  referred,
  seedCase,
  world,
  type World,
} from '../../../test/support/useCases';
import { CASELOAD_PAGE_SIZE, caseload, parseCaseloadArgs } from './caseload';

const OT2_REF = { aadObjectId: ot2.aadObjectId, name: ot2.name };

describe('caseload', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.close());

  /** Mine (2 open), a colleague's, a waiting referral, a discharged and a declined case, and one of another service. */
  async function mixedService() {
    return {
      mine: [
        await seedCase(w.deps, { createdAt: '2026-11-02T09:00:00Z' }),
        await seedCase(w.deps, { createdAt: '2026-11-03T09:00:00Z' }),
      ],
      colleagues: await seedCase(w.deps, { assignedOt: OT2_REF, createdAt: '2026-11-04T09:00:00Z' }),
      waiting: await seedCase(w.deps, { ...referred(), createdAt: '2026-11-05T09:00:00Z' }),
      closed: [await seedCase(w.deps, discharged()), await seedCase(w.deps, declined())],
      elsewhere: await seedCase(w.deps, { createdAt: '2026-11-01T09:00:00Z' }, OTHER_SERVICE),
    };
  }

  it('shows an OT their own open cases, oldest first, and audits each one shown', async () => {
    const s = await mixedService();
    const page = okValue(await caseload(w.deps, ot, { all: false, page: 1 }));
    assert.deepEqual(
      page.cases.map((c) => c.id),
      s.mine.map((c) => c.id),
    );
    assert.equal(page.total, 2);
    assert.equal(page.pages, 1);
    const reads = await allAudit(w, { action: 'caseload', outcome: 'ok', actor: ot.aadObjectId });
    assert.deepEqual(reads.map((e) => e.caseId).sort(), s.mine.map((c) => c.id).sort());
  });

  it("shows a lead every open case of the service with 'all', waiting referrals included", async () => {
    const s = await mixedService();
    const page = okValue(await caseload(w.deps, lead, { all: true, page: 1 }));
    assert.deepEqual(
      page.cases.map((c) => c.id),
      [...s.mine, s.colleagues, s.waiting].map((c) => c.id),
    );
    const reads = await allAudit(w, { action: 'caseload', actor: lead.aadObjectId });
    assert.equal(reads.length, 4);
    assert.ok(reads.every((e) => e.detail?.all === true));
  });

  it('refuses a nurse, and an OT asking for the whole service, auditing both', async () => {
    await mixedService();
    assert.match(expectKind(await caseload(w.deps, nurse, { all: false, page: 1 }), 'forbidden').message, /find/);
    assert.match(expectKind(await caseload(w.deps, ot, { all: true, page: 1 }), 'forbidden').message, /service leads/);
    const refusals = await allAudit(w, { action: 'caseload', outcome: 'refused' });
    assert.deepEqual(refusals.map((e) => [e.actor, e.detail?.reason]).sort(), [
      [nurse.aadObjectId, 'role'],
      [ot.aadObjectId, 'all_needs_lead'],
    ]);
    assert.equal((await allAudit(w, { action: 'caseload', outcome: 'ok' })).length, 0, 'no case was read');
  });

  it('pages a long caseload, and a page past the end shows the last one', async () => {
    const ids: string[] = [];
    for (let i = 0; i < CASELOAD_PAGE_SIZE + 1; i++) {
      const day = String(1 + Math.floor(i / 10)).padStart(2, '0');
      const c = await seedCase(w.deps, { createdAt: `2026-11-${day}T09:${String(i).padStart(2, '0')}:00Z` });
      ids.push(c.id);
    }
    const first = okValue(await caseload(w.deps, ot, { all: false, page: 1 }));
    assert.equal(first.pages, 2);
    assert.equal(first.total, CASELOAD_PAGE_SIZE + 1);
    assert.deepEqual(
      first.cases.map((c) => c.id),
      ids.slice(0, CASELOAD_PAGE_SIZE),
    );
    const past = okValue(await caseload(w.deps, ot, { all: false, page: 9 }));
    assert.equal(past.page, 2);
    assert.deepEqual(
      past.cases.map((c) => c.id),
      [ids[CASELOAD_PAGE_SIZE]],
    );
  });

  it('audits an empty caseload as one entry naming no case', async () => {
    const page = okValue(await caseload(w.deps, ot, { all: false, page: 1 }));
    assert.deepEqual(page.cases, []);
    assert.equal(page.pages, 1);
    const [entry, ...more] = await allAudit(w, { action: 'caseload' });
    assert.equal(more.length, 0);
    assert.equal(entry!.caseId, undefined);
    assert.equal(entry!.detail?.count, 0);
  });
});

describe('parseCaseloadArgs', () => {
  it('reads the forms the command accepts', () => {
    assert.deepEqual(parseCaseloadArgs(''), { all: false, page: 1 });
    assert.deepEqual(parseCaseloadArgs('ALL'), { all: true, page: 1 });
    assert.deepEqual(parseCaseloadArgs('2'), { all: false, page: 2 });
    assert.deepEqual(parseCaseloadArgs('all page 3'), { all: true, page: 3 });
    assert.deepEqual(parseCaseloadArgs('all -1 0 1.5'), { all: true, page: 1 });
  });
});
