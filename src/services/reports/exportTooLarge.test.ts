import assert from 'node:assert/strict';
import { databaseOf, embeddedDeps } from '../../../test/support/deps';
import { storedDocs } from '../../../test/support/storeInspect';
import { FileTooLargeError } from '../../store/errors';
import type { Actor, ServiceDeps } from '../core/context';
import { exportCases } from './export';

const LEAD: Actor = {
  aadObjectId: '00000000-0000-4000-8000-0000000003a1',
  name: 'Lu',
  role: 'lead',
  serviceId: 'big-svc',
};

describe('an export larger than the store hands out', () => {
  let deps: ServiceDeps;
  let database = '';
  before(async () => {
    deps = await embeddedDeps();
    database = databaseOf.get(deps.store) ?? '';
    // The store refuses the file (it holds at most 16 MiB); what the lead is told is what matters here.
    deps = {
      ...deps,
      files: {
        offer: async () => {
          throw new FileTooLargeError(20 * 1024 * 1024);
        },
      },
    };
  });
  after(() => deps.store.dispose());

  it('is refused plainly, nothing sent, and the failure audited', async () => {
    const outcome = await exportCases(deps, LEAD, { full: false });
    assert.equal(outcome.kind, 'conflict');
    assert.match(outcome.kind === 'conflict' ? outcome.message : '', /too large .*20 MB.*16 MB.*Nothing was sent/);
    const entries = (await storedDocs(database, 'audit')).filter((e) => e.action === 'service.export');
    assert.deepEqual(
      entries.map((e) => [e.outcome, e.detail?.reason ?? '']),
      [
        ['ok', ''],
        ['error', 'too_large'],
      ],
    );
  });
});
