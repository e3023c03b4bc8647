import assert from 'node:assert/strict';
import { depsFor, embeddedDeps } from '../../../test/support/deps';
import type { Actor, ServiceDeps } from '../core/context';
import { FileVault } from './downloads';
import { FileConsents } from './fileConsent';

const LEAD: Actor = {
  aadObjectId: '00000000-0000-4000-8000-0000000000d1',
  name: 'Di Lead',
  role: 'lead',
  serviceId: 'files-svc',
};
const file = (caseId = 'case-file-1') => ({
  kind: 'employer-report' as const,
  filename: 'x.pdf',
  contentType: 'application/pdf',
  body: Buffer.from('%PDF'),
  caseId,
  caseRef: 'RTW-0001',
});

/** Two instances: the same store behind two sets of services, each with its own FileVault and FileConsents. */
describe('download links and file offers are kept in the store, for every instance', () => {
  let a: ServiceDeps;
  let b: ServiceDeps;
  before(async () => {
    a = await embeddedDeps();
    b = depsFor(a.store, { files: new FileVault(a, { baseUrl: 'https://b.test' }) });
  });
  after(() => a.store.dispose());

  it('declines on B an offer made on A: dropped and audited as declined, not as altered', async () => {
    const onA = new FileConsents(a, { allowLoopbackUpload: true });
    const onB = new FileConsents(b, { allowLoopbackUpload: true });
    const offer = await onA.offer(LEAD, file('case-decline'));
    const declined = await onB.decline(LEAD, offer.consent);
    assert.deepEqual(declined, { kind: 'dropped' });
    const trail = await a.store.audit.listForCase('files-svc', 'case-decline', 20);
    assert.deepEqual(
      trail.filter((e) => e.action === 'file.consent.decline').map((e) => [e.outcome, e.detail?.reason ?? '']),
      [['ok', '']],
      'one decline, audited as such: no refusal, no "altered"',
    );
    // Accepting it afterwards, on either instance, is refused as declined: the file is gone.
    const late = await onA.accept(LEAD, offer.consent, {
      uploadUrl: 'http://127.0.0.1:9/never',
      contentUrl: 'x',
      uniqueId: 'u',
    });
    assert.deepEqual(late, { kind: 'refused', reason: 'declined' });
    assert.equal(await onA.held(), 0);
  });

  it('refuses an offer accepted by someone other than the requester on another instance, keeping it', async () => {
    const onA = new FileConsents(a, { allowLoopbackUpload: true });
    const onB = new FileConsents(b, { allowLoopbackUpload: true });
    const offer = await onA.offer(LEAD, file());
    const other = { ...LEAD, aadObjectId: '00000000-0000-4000-8000-0000000000d2' };
    assert.deepEqual(await onB.decline(other, offer.consent), { kind: 'refused', reason: 'not_requester' });
    assert.equal(await onB.held(), 1, 'still held for the requester');
  });

  it('serves on B a link made on A, once', async () => {
    const offered = await a.files.offer(LEAD, file());
    const token = offered.url.slice(offered.url.lastIndexOf('/') + 1);
    const vaultB = b.files as FileVault;
    const taken = await vaultB.take(token);
    assert.equal(taken.kind, 'ok');
    assert.deepEqual(await (a.files as FileVault).take(token), { kind: 'refused', reason: 'used' });
  });
});
