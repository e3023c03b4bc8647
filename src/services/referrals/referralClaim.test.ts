import assert from 'node:assert/strict';
import { formatCaseRef } from '../../domain/caseRef';
import type { CaseRecord } from '../../domain/case';
import { OpenCaseClaimedError } from '../../store/errors';
import { embeddedDeps } from '../../../test/support/deps';
import { freshNhsNumber, validReferral } from '../../../test/support/people';
import type { Actor, ServiceDeps } from '../core/context';
import { dischargeCase } from '../cases/discharge';
import { backfillOpenCaseClaims } from './openCaseClaims';
import { declineReferral } from './decline';
import { submitReferral } from './referral';

const SERVICE = 'claims-svc';
const NURSE: Actor = {
  aadObjectId: '00000000-0000-4000-8000-0000000000a1',
  name: 'Nia Nurse',
  role: 'nurse',
  serviceId: SERVICE,
};
const NURSE2: Actor = { ...NURSE, aadObjectId: '00000000-0000-4000-8000-0000000000a2', name: 'Ned Nurse' };
const OT: Actor = {
  aadObjectId: '00000000-0000-4000-8000-0000000000a3',
  name: 'Oona OT',
  role: 'ot',
  serviceId: SERVICE,
};

async function openCases(deps: ServiceDeps, nhsNumber: string): Promise<CaseRecord[]> {
  const all = await deps.store.cases.listAll(SERVICE);
  return all.filter((c) => c.patient.nhsNumber === nhsNumber && (c.status === 'referred' || c.status === 'active'));
}

describe('one open case per NHS number per service, held by a claim in the store', () => {
  let deps: ServiceDeps;
  before(async () => {
    deps = await embeddedDeps();
  });
  after(() => deps.store.dispose());

  it('makes one open case of two referrals of the same patient at the same instant', async () => {
    const nhs = freshNhsNumber();
    const [a, b] = await Promise.all([
      submitReferral(deps, NURSE, validReferral({ nhsNumber: nhs })),
      submitReferral(deps, NURSE2, validReferral({ nhsNumber: nhs })),
    ]);
    const kinds = [a.kind, b.kind].sort();
    assert.deepEqual(kinds, ['invalid', 'ok'], 'one is saved, the other answered with the open case');
    const winner = a.kind === 'ok' ? a : b;
    const loser = a.kind === 'ok' ? b : a;
    assert.ok(winner.kind === 'ok' && loser.kind === 'invalid');
    // Each nurse learns of the other's case only as "an open referral exists" unless they referred it.
    assert.match(loser.errors.nhsNumber ?? '', /already has an open referral/);
    assert.equal((await openCases(deps, nhs.replace(/\s/g, ''))).length, 1);
  });

  it('names the open case to staff who may read it, as before', async () => {
    const nhs = freshNhsNumber();
    const first = await submitReferral(deps, NURSE, validReferral({ nhsNumber: nhs }));
    assert.ok(first.kind === 'ok');
    const second = await submitReferral(deps, OT, validReferral({ nhsNumber: nhs }));
    assert.ok(second.kind === 'invalid');
    assert.match(second.errors.nhsNumber ?? '', new RegExp(`already has an open referral, ${first.value.record.ref}`));
  });

  it('gives the claim back on decline and on discharge, so the patient can be referred again', async () => {
    const nhs = freshNhsNumber();
    const first = await submitReferral(deps, NURSE, validReferral({ nhsNumber: nhs }));
    assert.ok(first.kind === 'ok');
    const declined = await declineReferral(deps, OT, { caseId: first.value.record.id, reason: 'Not in area' });
    assert.equal(declined.kind, 'ok');
    const again = await submitReferral(deps, NURSE, validReferral({ nhsNumber: nhs }));
    assert.ok(again.kind === 'ok', 'a declined referral no longer holds the claim');
    const discharged = await dischargeCase(deps, OT, {
      caseId: again.value.record.id,
      outcome: 'lost_contact',
      date: '2026-11-25',
    });
    assert.equal(discharged.kind, 'ok');
    const third = await submitReferral(deps, NURSE, validReferral({ nhsNumber: nhs }));
    assert.ok(third.kind === 'ok', 'a discharged case no longer holds the claim');
    assert.equal((await openCases(deps, first.value.record.patient.nhsNumber)).length, 1);
  });

  it('takes over a claim left naming a case that is no longer open', async () => {
    const nhs = freshNhsNumber();
    const first = await submitReferral(deps, NURSE, validReferral({ nhsNumber: nhs }));
    assert.ok(first.kind === 'ok');
    // A claim left naming a case that is gone (a raw delete leaves it; so would a half-written batch on
    // the embedded server, which does not undo).
    const plain = first.value.record;
    await deps.store.cases.delete(SERVICE, plain.id);
    assert.ok(await deps.store.cases.openCaseClaim(SERVICE, plain.patient.nhsNumber), 'the claim is left');
    const again = await submitReferral(deps, NURSE, validReferral({ nhsNumber: nhs }));
    assert.ok(again.kind === 'ok', 'a claim naming a case that is gone is taken over');
    assert.equal(
      (await deps.store.cases.openCaseClaim(SERVICE, plain.patient.nhsNumber))?.caseId,
      again.value.record.id,
    );
  });

  it('back-fills claims for cases opened before, once, the oldest open case holding it', async () => {
    const fresh = await embeddedDeps();
    try {
      const nhs = freshNhsNumber().replace(/\s/g, '');
      const make = (id: string, n: number, createdAt: string): CaseRecord => ({
        id,
        serviceId: SERVICE,
        ref: formatCaseRef(n),
        status: 'referred',
        patient: { name: 'Old Patient', nameKey: 'old patient', nhsNumber: nhs, dateOfBirth: '1960-01-01' },
        referral: {
          eventType: 'MI',
          eventDate: '2026-10-01',
          employmentStatus: 'employed',
          jobDemands: [],
          fitNoteStatus: 'none',
          contactPreference: 'telephone',
          consent: true,
          referredOn: '2026-10-02',
        },
        referredBy: { aadObjectId: NURSE.aadObjectId, name: NURSE.name },
        fitNotes: [],
        createdAt,
        updatedAt: createdAt,
      });
      // Two open cases of one patient made before claims existed (the duplicate the issue found).
      await fresh.store.cases.create(make('old-case-newer', 2, '2026-10-03T10:00:00.000Z'));
      await fresh.store.cases.create(make('old-case-older', 1, '2026-10-02T10:00:00.000Z'));
      // Two instances starting at once: one runs it, the other finds it busy or done.
      const runs = await Promise.all([
        backfillOpenCaseClaims(fresh, 'instance-a'),
        backfillOpenCaseClaims(fresh, 'instance-b'),
      ]);
      assert.equal(runs.filter(Boolean).length, 1, 'one instance back-fills');
      assert.equal((await fresh.store.cases.openCaseClaim(SERVICE, nhs))?.caseId, 'old-case-older');
      assert.equal(await backfillOpenCaseClaims(fresh, 'instance-c'), null, 'a later start-up skips it');
      const refused = await submitReferral(fresh, OT, validReferral({ nhsNumber: nhs }));
      assert.ok(refused.kind === 'invalid');
      assert.match(refused.errors.nhsNumber ?? '', /already has an open referral, RTW-0001/);
    } finally {
      fresh.store.dispose();
    }
  });

  it('writes the claim in the case partition, named without the NHS number', async () => {
    const nhs = freshNhsNumber();
    const made = await submitReferral(deps, NURSE, validReferral({ nhsNumber: nhs }));
    assert.ok(made.kind === 'ok');
    const claim = await deps.store.cases.openCaseClaim(SERVICE, made.value.record.patient.nhsNumber);
    assert.ok(claim);
    assert.equal(claim.serviceId, SERVICE);
    assert.equal(claim.caseId, made.value.record.id);
    assert.ok(!claim.id.includes(made.value.record.patient.nhsNumber));
  });

  it('refuses the second of two opens racing past the look-up: the store decides, not a read', async () => {
    const nhs = freshNhsNumber();
    const made = await submitReferral(deps, NURSE, validReferral({ nhsNumber: nhs }));
    assert.ok(made.kind === 'ok');
    const template = made.value.record;
    const { _etag, ...plain } = template;
    void _etag;
    const other = { ...plain, patient: { ...plain.patient, nhsNumber: freshNhsNumber().replace(/\s/g, '') } };
    const results = await Promise.allSettled([
      deps.store.cases.open({ ...other, id: 'race-open-1', ref: 'RTW-9001' }),
      deps.store.cases.open({ ...other, id: 'race-open-2', ref: 'RTW-9002' }),
    ]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const lost = results.find((r) => r.status === 'rejected');
    assert.ok(lost && lost.status === 'rejected' && lost.reason instanceof OpenCaseClaimedError);
    assert.equal((await openCases(deps, other.patient.nhsNumber)).length, 1, 'nothing of the loser was written');
  });
});
