import assert from 'node:assert/strict';
import { FixedClock } from '../../domain/clock';
import { databaseOf, embeddedDeps, TEST_NOW } from '../../../test/support/deps';
import { storedDocs } from '../../../test/support/storeInspect';
import { validReferral } from '../../../test/support/people';
import { UNASSIGNED_SERVICE, UNKNOWN_SERVICE } from '../core/audit';
import type { Actor, ServiceDeps } from '../core/context';
import { declineReferral } from '../referrals/decline';
import { submitReferral } from '../referrals/referral';
import { auditRefusal } from '../staff/staff';
import { purgeExpiredCases, STRANGER_REFERENCE_DAYS } from './retention';

const SERVICE = 'retention-svc';
const NURSE: Actor = {
  aadObjectId: '00000000-0000-4000-8000-0000000002a1',
  name: 'Nat',
  role: 'nurse',
  serviceId: SERVICE,
};
const OT: Actor = { aadObjectId: '00000000-0000-4000-8000-0000000002a2', name: 'Oz', role: 'ot', serviceId: SERVICE };

const IN_2018 = {
  eventDate: '2018-10-01',
  dischargeDate: '2018-10-05',
  fitNoteStart: '2018-10-05',
  fitNoteEnd: '2018-11-05',
};

describe('retention of declined referrals and of strangers’ traces', () => {
  let deps: ServiceDeps;
  let clock: FixedClock;
  beforeEach(async () => {
    clock = new FixedClock(new Date('2018-11-24T10:00:00Z'));
    deps = await embeddedDeps({ clock });
  });
  afterEach(() => deps.store.dispose());

  it('purges a declined referral after the same period as a discharged case, counted from the decline', async () => {
    const old = await submitReferral(deps, NURSE, validReferral({ ...IN_2018, patientName: 'Declined Long Ago' }));
    assert.ok(old.kind === 'ok');
    assert.equal((await declineReferral(deps, OT, { caseId: old.value.record.id, reason: 'Out of area' })).kind, 'ok');
    clock.set('2018-11-25T10:00:00Z');
    const recent = await submitReferral(
      deps,
      NURSE,
      validReferral({ ...IN_2018, patientName: 'Declined A Day Later' }),
    );
    assert.ok(recent.kind === 'ok');
    await declineReferral(deps, OT, { caseId: recent.value.record.id, reason: 'Out of area' });
    const open = await submitReferral(deps, NURSE, validReferral({ ...IN_2018, patientName: 'Still Waiting' }));
    assert.ok(open.kind === 'ok');

    clock.set(TEST_NOW); // 2026-11-25: the 8-year line is 2018-11-25
    const report = await purgeExpiredCases(deps, 8);
    assert.equal(report.purged, 1);
    const left = (await deps.store.cases.listAll(SERVICE)).map((c) => c.patient.name).sort();
    assert.deepEqual(left, ['Declined A Day Later', 'Still Waiting']);
    const trail = await deps.store.audit.listForCase(SERVICE, old.value.record.id, 10);
    const purge = trail.find((e) => e.action === 'case.purge');
    assert.equal(purge?.detail?.declinedOn, '2018-11-24');
  });

  it('drops strangers’ conversation references after 30 days untouched, keeping staff and recent ones', async () => {
    const at = (days: number) => new Date(TEST_NOW.getTime() - days * 86_400_000).toISOString();
    clock.set(TEST_NOW);
    const ref = (id: string, serviceId: string, updatedAt: string) => ({ id, serviceId, reference: {}, updatedAt });
    await deps.store.conversations.save(ref('stranger-old', UNASSIGNED_SERVICE, at(STRANGER_REFERENCE_DAYS + 1)));
    await deps.store.conversations.save(ref('stranger-new', UNASSIGNED_SERVICE, at(STRANGER_REFERENCE_DAYS - 1)));
    await deps.store.conversations.save(ref('staff-old', SERVICE, at(400)));
    const report = await purgeExpiredCases(deps, 8);
    assert.equal(report.strangerReferences, 1);
    assert.equal(await deps.store.conversations.get('stranger-old', UNASSIGNED_SERVICE), null);
    assert.ok(await deps.store.conversations.get('stranger-new', UNASSIGNED_SERVICE));
    assert.ok(await deps.store.conversations.get('staff-old', SERVICE), 'staff keep theirs');
  });

  it('audits a stranger’s refused attempts once a day per action and reason, however many they make', async () => {
    clock.set(TEST_NOW);
    for (let i = 0; i < 5; i++) await auditRefusal(deps, 'stranger-1', 'command.find', 'not_staff');
    await auditRefusal(deps, 'stranger-1', 'referral.submit', 'not_staff');
    clock.advance(86_400_000);
    await auditRefusal(deps, 'stranger-1', 'command.find', 'not_staff');
    const entries = (await storedDocs(databaseOf.get(deps.store) ?? '', 'audit')).filter(
      (e) => e.serviceId === UNKNOWN_SERVICE && e.actor === 'stranger-1',
    );
    assert.deepEqual(entries.map((e) => [e.at.slice(0, 10), e.action]).sort(), [
      ['2026-11-25', 'command.find'],
      ['2026-11-25', 'referral.submit'],
      ['2026-11-26', 'command.find'],
    ]);
  });
});
