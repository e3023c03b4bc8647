import { strict as assert } from 'node:assert';
import type { CaseRecord, FollowUpContact } from '../../domain/case';
import { addMonths } from '../../domain/dates';
import { nextFollowUpDate } from '../../domain/followUp';
import { activeCaseRecord } from '../../../test/support/seedCases';
import {
  dischargedForFollowUp,
  lead,
  okValue,
  seedCase,
  SERVICE,
  world,
  type World,
} from '../../../test/support/useCases';
import { showDigest } from './digest';

/**
 * Follow-ups in the lead's digest (CONTRACT §5), and how the digest reads them: discharged cases
 * are read only when discharged this year (for the counts) or when their next follow-up
 * (`followUpDue`) falls due by today + 7 days; a case followed up in full, or never, is not read.
 */
const TODAY = '2026-11-25';

function done(due: FollowUpContact['due'], date: string): FollowUpContact {
  return {
    id: `fu-${due}-${date}`,
    due,
    date,
    workStatus: 'working_full',
    recordedAt: `${date}T10:00:00Z`,
    recordedBy: { aadObjectId: lead.aadObjectId, name: lead.name },
  };
}

/** A case discharged on `date` with these follow-ups recorded, `followUpDue` kept as the saves keep it. */
function followed(date: string, contacts: FollowUpContact[] = [], consent = true): Partial<CaseRecord> {
  const base = dischargedForFollowUp(date);
  // Referred two months before discharge, so that only the discharge can bring it into this year.
  const referral = {
    ...activeCaseRecord(SERVICE, 'x', 'RTW-0000').referral,
    eventDate: addMonths(date, -3),
    referredOn: addMonths(date, -2),
  };
  const c = { ...base, referral, discharge: { ...base.discharge!, followUpConsent: consent }, followUps: contacts };
  const due = nextFollowUpDate(c as CaseRecord);
  const { followUpDue: _, ...rest } = c;
  void _;
  return { ...rest, ...(due ? { followUpDue: due } : {}) };
}

describe('follow-ups in the digest', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.close());

  it('reads only discharged cases with a follow-up due by today + 7 days (or discharged this year), and lists them soonest first', async () => {
    const twelveOverdue = await seedCase(
      w.deps,
      followed('2025-08-20', [done('3m', '2025-11-20'), done('6m', '2026-02-20')]),
    );
    const sixOverdue = await seedCase(w.deps, followed('2025-12-10', [done('3m', '2026-03-10')]));
    const thisYear = await seedCase(w.deps, followed('2026-08-30')); // 3m on 30 Nov: due from 23 Nov
    const allDone = await seedCase(
      w.deps,
      followed('2025-05-01', [done('3m', '2025-08-01'), done('6m', '2025-11-01'), done('12m', '2026-05-01')]),
    );
    const noConsent = await seedCase(w.deps, followed('2025-06-01', [], false));
    const notYet = await seedCase(w.deps, followed('2025-12-20', [done('3m', '2026-03-20'), done('6m', '2026-06-20')])); // 12m on 20 Dec
    assert.equal(notYet.followUpDue, '2026-12-20');
    assert.equal(allDone.followUpDue, undefined);
    assert.equal(noConsent.followUpDue, undefined);

    const read = await w.deps.store.cases.listForDigest(SERVICE, '2026-01-01', '2026-12-02');
    assert.deepEqual(
      read.map((c) => c.ref).sort(),
      [twelveOverdue.ref, sixOverdue.ref, thisYear.ref].sort(),
      'neither the case followed up in full, nor the one never followed, nor the one not yet due is read',
    );
    assert.deepEqual(
      (await w.deps.store.cases.listForDigest(SERVICE, '2026-01-01')).map((c) => c.ref),
      [thisYear.ref],
      'without the follow-up date only this year’s discharges are read, as before',
    );

    const page = okValue(await showDigest(w.deps, lead));
    const card = JSON.stringify(page.card);
    assert.match(card, /Follow-ups after discharge due or overdue \(3\)/);
    assert.deepEqual(
      page.rows.map((r) => r.ref),
      [sixOverdue.ref, twelveOverdue.ref, thisYear.ref],
      'soonest first: 6-month of 10 Jun, 12-month of 20 Aug, 3-month of 30 Nov',
    );
    assert.match(card, /6-month follow-up, 10 Jun 2026 · overdue by 168 days/);
    assert.match(card, /3-month follow-up, 30 Nov 2026 · due, 5 days to go/);
    assert.equal(TODAY, '2026-11-25');
  });
});
