import { strict as assert } from 'node:assert';
import type { CaseRecord } from '../../domain/case';
import type { Store } from '../../store/types';
import { activeCaseRecord } from '../../../test/support/seedCases';
import { embeddedDeps } from '../../../test/support/deps';
import { OT } from '../../../test/support/people';
import type { Actor, ServiceDeps } from '../core/context';
import { recordFitNote } from './fitnote';

/**
 * `fitnote.submit` against CONTRACT §3 and §4 on the embedded store: the statement date, the
 * indefinite note and the issuer's profession are kept; impossible notes are refused by field with
 * nothing written. Today is Wednesday 25 November 2026 (TEST_NOW).
 */
const SERVICE = 'fitnote-rules';
const actor: Actor = { aadObjectId: OT.aadObjectId, name: OT.name, role: 'ot', serviceId: SERVICE };

describe('fitnote.submit use case: Med3 rules and the new fields', () => {
  let deps: ServiceDeps;
  let store: Store;
  let n = 0;

  before(async () => {
    deps = await embeddedDeps();
    store = deps.store;
  });

  async function aCase(overrides: Partial<CaseRecord> = {}): Promise<CaseRecord> {
    n += 1;
    return store.cases.create(activeCaseRecord(SERVICE, `fnr-${n}-${Date.now()}`, `RTW-${9000 + n}`, overrides));
  }

  it('keeps the statement date (default: the start date), the issuer and the profession', async () => {
    const c = await aCase();
    const a = await recordFitNote(deps, actor, {
      caseId: c.id,
      submissionId: 'fn-a',
      status: 'may_be_fit',
      advice: 'phased_return',
      startDate: '2026-11-20',
      endDate: '2026-12-18',
      statementDate: '2026-11-21',
      issuedBy: 'Sam Patel',
      issuerProfession: 'nurse',
    });
    assert.equal(a.kind, 'ok');
    const b = await recordFitNote(deps, actor, {
      caseId: c.id,
      submissionId: 'fn-b',
      status: 'not_fit',
      startDate: '2026-11-22',
      endDate: '2026-12-01',
      issuerProfession: 'occupational_therapist',
    });
    assert.equal(b.kind, 'ok');
    const saved = (await store.cases.get(SERVICE, c.id))!.fitNotes;
    assert.deepEqual(
      saved.map((f) => [f.statementDate, f.startDate, f.endDate, f.indefinite, f.issuedBy, f.issuerProfession]),
      [
        ['2026-11-21', '2026-11-20', '2026-12-18', undefined, 'Sam Patel', 'nurse'],
        ['2026-11-22', '2026-11-22', '2026-12-01', undefined, undefined, 'occupational_therapist'],
      ],
    );
  });

  it('an indefinite note, from 6 months after the event, is kept with no end date', async () => {
    const c = await aCase({ referral: { ...activeCaseRecord(SERVICE, 'x', 'x').referral, eventDate: '2026-03-01' } });
    const r = await recordFitNote(deps, actor, {
      caseId: c.id,
      submissionId: 'fn-indef',
      status: 'not_fit',
      startDate: '2026-09-01',
      indefinite: 'true',
      issuerProfession: 'doctor',
    });
    assert.equal(r.kind, 'ok');
    const [note] = (await store.cases.get(SERVICE, c.id))!.fitNotes;
    assert.equal(note.indefinite, true);
    assert.equal('endDate' in note, false);
  });

  const refusals: [string, Record<string, unknown>, string, RegExp][] = [
    [
      'issued after today',
      { startDate: '2026-11-20', endDate: '2026-12-01', statementDate: '2026-11-26' },
      'statementDate',
      /issued after today/,
    ],
    ['starting after today', { startDate: '2026-11-26', endDate: '2026-12-20' }, 'startDate', /start after today/],
    ['typed with the year 2036', { startDate: '2036-11-20', endDate: '2036-12-20' }, 'startDate', /start after today/],
    [
      'ending before the cardiac event',
      { startDate: '2026-09-01', endDate: '2026-09-20' },
      'endDate',
      /end before the cardiac event/,
    ],
    ['ending before it starts', { startDate: '2026-11-20', endDate: '2026-11-19' }, 'endDate', /end before it starts/],
    [
      'starting before the cardiac event',
      { startDate: '2026-09-01', endDate: '2026-10-20' },
      'startDate',
      /before the cardiac event/,
    ],
    ['over 3 months in the first 6', { startDate: '2026-11-20', endDate: '2027-02-21' }, 'endDate', /at most 3 months/],
    ['indefinite in the first 6 months', { startDate: '2026-11-20', indefinite: 'true' }, 'indefinite', /6 months/],
    ['with no end date and not indefinite', { startDate: '2026-11-20' }, 'endDate', /Enter the date the fit note ends/],
    [
      'from an unknown profession',
      { startDate: '2026-11-20', endDate: '2026-12-01', issuerProfession: 'gp' },
      'issuerProfession',
      /from the list/,
    ],
  ];
  for (const [what, fields, field, message] of refusals) {
    it(`refuses a note ${what}, naming ${field}, and writes nothing`, async () => {
      const c = await aCase();
      const before = await store.cases.get(SERVICE, c.id);
      const r = await recordFitNote(deps, actor, {
        caseId: c.id,
        submissionId: `fn-bad-${n}`,
        status: 'not_fit',
        ...fields,
      });
      assert.equal(r.kind, 'invalid');
      assert.match(r.kind === 'invalid' ? (r.errors[field] ?? '') : '', message);
      const after = await store.cases.get(SERVICE, c.id);
      assert.equal(after?._etag, before?._etag);
      assert.equal(after?.fitNotes.length, 0);
    });
  }
});
