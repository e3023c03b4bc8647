import { randomUUID } from 'node:crypto';
/**
 * Operator tool: makes people leads of a service, e.g. the first lead of a second service on the
 * same deployment (BOOTSTRAP_LEADS only seeds DEFAULT_SERVICE_ID). From then on that lead adds the
 * service's nurses, OTs and other leads with the `staff` command, as the contract intends.
 *
 *   COSMOS_ENDPOINT=https://<account>.documents.azure.com:443/ \
 *     node dist/scripts/add-lead.js --service leeds --lead <entra object id> [--lead <id>…] --by <your name or UPN>
 *
 * Authenticates like the bot: COSMOS_KEY when set, otherwise DefaultAzureCredential (your `az login`),
 * which needs the Cosmos DB Built-in Data Contributor role (docs/DEPLOYMENT.md). Each lead added is
 * audited in that service with the operator named. A person already in another service is refused:
 * a person belongs to exactly one service.
 */
import { parseArgs } from 'node:util';
import { DefaultAzureCredential } from '@azure/identity';
import { cosmosCredentialChoice } from '../src/app';
import { type Config, ConfigError, loadConfig } from '../src/config';
import { systemClock } from '../src/domain/clock';
import { isAadObjectId } from '../src/domain/staff';
import { createLogger, type Logger } from '../src/log';
import { audit } from '../src/services/core/audit';
import type { StoreDeps } from '../src/services/core/context';
import { makeLead } from '../src/services/staff/staff';
import { openStore } from '../src/store';
import { EMULATOR_KEY } from '../src/store/embeddedCosmos';

export type LeadResult =
  | { aadObjectId: string; outcome: 'added' | 'already_lead' }
  | { aadObjectId: string; outcome: 'refused'; reason: 'not_an_object_id' | 'in_another_service' };

/** Adds each id as a lead of `serviceId`; never moves a person out of another service. */
export async function addLeads(
  deps: StoreDeps,
  serviceId: string,
  ids: readonly string[],
  operator: string,
): Promise<LeadResult[]> {
  const results: LeadResult[] = [];
  for (const raw of ids) {
    const id = raw.trim().toLowerCase();
    if (!isAadObjectId(id)) {
      results.push({ aadObjectId: raw, outcome: 'refused', reason: 'not_an_object_id' });
      continue;
    }
    // The same path as BOOTSTRAP_LEADS, so the person's name is learnt from Teams on first contact; the
    // store refuses a person of another service (one directory document per person), not a prior read.
    const made = await makeLead(deps, serviceId, id);
    if (made === 'other_service') {
      await audit(
        deps,
        { aadObjectId: `operator:${operator}`, serviceId },
        { action: 'staff.operator_lead', outcome: 'refused', detail: { member: id, reason: 'in_another_service' } },
      );
      results.push({ aadObjectId: id, outcome: 'refused', reason: 'in_another_service' });
      continue;
    }
    if (made === 'already_lead') {
      results.push({ aadObjectId: id, outcome: 'already_lead' });
      continue;
    }
    await audit(
      deps,
      { aadObjectId: `operator:${operator}`, serviceId },
      { action: 'staff.operator_lead', outcome: 'ok', detail: { member: id } },
    );
    results.push({ aadObjectId: id, outcome: 'added' });
  }
  return results;
}

function usage(problem: string): never {
  console.error(
    `${problem}\nUsage: node dist/scripts/add-lead.js --service <serviceId> --lead <Entra object id> [--lead <id>…] --by <operator name or UPN>\n` +
      'Needs COSMOS_ENDPOINT (and COSMOS_DATABASE if not cardiac-rtw); COSMOS_KEY or an Entra sign-in with Cosmos DB data access.',
  );
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      service: { type: 'string' },
      lead: { type: 'string', multiple: true },
      by: { type: 'string' },
    },
  });
  if (!values.service) usage('--service is required.');
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(values.service))
    usage('--service: lower-case letters, digits and dashes, like DEFAULT_SERVICE_ID (e.g. leeds).');
  if (!values.lead?.length) usage('At least one --lead is required.');
  if (!values.by?.trim()) usage('--by is required: the audit trail names who added the lead.');
  if (!process.env.COSMOS_ENDPOINT)
    usage('COSMOS_ENDPOINT is required: this changes the deployed store, not a local one.');

  let config: Config;
  try {
    // Only the store settings: the bot's own settings (production checks, Teams ids) do not apply here.
    config = loadConfig({
      COSMOS_ENDPOINT: process.env.COSMOS_ENDPOINT,
      COSMOS_KEY: process.env.COSMOS_KEY,
      COSMOS_DATABASE: process.env.COSMOS_DATABASE,
      DEFAULT_SERVICE_ID: values.service, // validated like any service id
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    });
  } catch (e) {
    if (e instanceof ConfigError) usage(e.message);
    throw e;
  }
  const log: Logger = createLogger(config.logLevel);
  const useKey = cosmosCredentialChoice(config) === 'key';
  const store = await openStore({
    endpoint: config.cosmos.endpoint!,
    databaseId: config.cosmos.database,
    key: useKey ? (config.cosmos.key ?? EMULATOR_KEY) : undefined,
    credential: useKey ? undefined : new DefaultAzureCredential(),
    acceptSelfSignedCertificate: config.cosmos.local,
  });
  try {
    const deps: StoreDeps = { store, clock: systemClock, timezone: 'Europe/London', log, newId: randomUUID };
    // A store written by an older bot keeps staff per service: move them into the directory first.
    await store.staff.migrate();
    const results = await addLeads(deps, config.defaultServiceId, values.lead!, values.by!.trim());
    let failed = false;
    for (const r of results) {
      if (r.outcome === 'refused') failed = true;
      const why =
        r.outcome === 'refused'
          ? ` (${r.reason === 'in_another_service' ? 'already staff of another service: remove them there first' : 'not an Entra object id'})`
          : '';
      console.log(`${r.aadObjectId}: ${r.outcome.replace('_', ' ')}${why}`);
    }
    if (failed) process.exitCode = 1;
  } finally {
    store.dispose();
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error('add-lead failed:', e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
