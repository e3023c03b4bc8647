import { strict as assert } from 'node:assert';
import { myDayCard } from '../../src/cards/myDay';
import { DIGEST_PAGE_BYTES } from '../../src/cards/digest';
import type { MyDaySelection } from '../../src/domain/myDay';
import { cardText, executeActions } from '../support/cards';

/** A list of `n` contacts due, with long names: what a big caseload on a bad day looks like. */
function bigDay(n: number): MyDaySelection {
  return {
    today: '2026-11-25',
    windowDays: 7,
    hasOwnCases: true,
    followUps: [],
    expiring: [],
    waiting: [],
    contacts: Array.from({ length: n }, (_, i) => ({
      caseId: `case-${i}`,
      ref: `RTW-${String(i + 1).padStart(4, '0')}`,
      patientName: `Bartholomew Alexander Montgomery-Fictitious-Smythe ${i}`,
      ot: 'Otto Therapist',
      planStatus: 'No plan yet',
      nextContactDate: '2026-11-20',
      daysOverdue: 5,
    })),
  };
}

describe('my day card: paged under the byte budget like the digest (src/cards/myDay.ts)', () => {
  it('cuts a long list into pages under 24 KB that show every row once, with "Show more" as myday.page', () => {
    const selection = bigDay(400);
    const first = myDayCard({ selection, name: 'Otto Therapist', page: 1 });
    assert.ok(first.pages > 1, 'more than one page');
    const seen: string[] = [];
    for (let page = 1; page <= first.pages; page++) {
      const p = myDayCard({ selection, name: 'Otto Therapist', page });
      assert.ok(Buffer.byteLength(JSON.stringify(p.card)) <= DIGEST_PAGE_BYTES, `page ${page} under the budget`);
      seen.push(...p.rows.map((r) => r.ref));
      const more = executeActions(p.card).filter((a) => a.title === 'Show more');
      assert.deepEqual(
        more.map((a) => [a.verb, Number(a.data.page)]),
        page < first.pages ? [['myday.page', page + 1]] : [],
      );
      if (page > 1) assert.match(cardText(p.card), /Contacts due or overdue \(400\) \(continued\)/);
    }
    assert.deepEqual(
      seen,
      selection.contacts.map((r) => r.ref),
    );
  });

  it('says so when there is nothing (the `today` answer) and names no section', () => {
    const p = myDayCard({ selection: bigDay(0), name: 'Otto Therapist', page: 1, preview: true });
    assert.match(cardText(p.card), /Nothing on your list today/);
    assert.doesNotMatch(cardText(p.card), /Contacts due/);
    assert.deepEqual(p.rows, []);
  });
});
