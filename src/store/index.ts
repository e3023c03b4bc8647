import { openCosmos, type CosmosOptions } from './cosmos';
import { CosmosAuditRepository } from './cosmosAudit';
import { CosmosCaseRepository } from './cosmosCases';
import { CosmosConversationRepository } from './cosmosConversations';
import { CosmosCounterRepository } from './cosmosCounters';
import { CosmosStaffRepository } from './cosmosStaff';
import { CosmosJobRepository } from './cosmosJobs';
import { CosmosFileRepository } from './cosmosFiles';
import { CosmosLeadDirectory } from './cosmosLeads';
import { CosmosOutboxRepository } from './cosmosOutbox';
import type { Store } from './types';

export async function openStore(options: CosmosOptions): Promise<Store> {
  const cosmos = await openCosmos(options);
  return {
    cases: new CosmosCaseRepository(cosmos.container('cases'), cosmos.container('counters')),
    staff: new CosmosStaffRepository(cosmos.container('staff')),
    audit: new CosmosAuditRepository(cosmos.container('audit')),
    counters: new CosmosCounterRepository(cosmos.container('counters')),
    conversations: new CosmosConversationRepository(cosmos.container('conversations')),
    jobs: new CosmosJobRepository(cosmos.container('jobs')),
    files: new CosmosFileRepository(cosmos.container('jobs')),
    outbox: new CosmosOutboxRepository(cosmos.container('cases')),
    leads: new CosmosLeadDirectory(cosmos.container('staff')),
    ping: () => cosmos.ping(),
    dispose: () => cosmos.dispose(),
  };
}
