import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { CONTAINERS } from '../../src/store/cosmos';
import { repoRoot } from '../../scripts/package';

/**
 * No Bicep compiler runs here, so these read deployment/infra as text and hold it to what the code
 * expects: a container added to the store, or a setting renamed, fails here before it fails in Azure.
 */
const infra = path.join(repoRoot(), 'deployment', 'infra');
const bicep = readFileSync(path.join(infra, 'main.bicep'), 'utf8');
const parameters = (
  JSON.parse(readFileSync(path.join(infra, 'main.parameters.json'), 'utf8')) as {
    parameters: Record<string, { value: unknown }>;
  }
).parameters;

function declaredParams(): Map<string, { type: string; hasDefault: boolean }> {
  const params = new Map<string, { type: string; hasDefault: boolean }>();
  for (const m of bicep.matchAll(/^param (\w+) (\w+)( = .*)?$/gm))
    params.set(m[1], { type: m[2], hasDefault: Boolean(m[3]) });
  return params;
}

/** name → value expression of each entry in baseSettings/triggerSettings. */
function appSettings(): Map<string, string> {
  const settings = new Map<string, string>();
  for (const m of bicep.matchAll(/\{\s*name: '([^']+)'\s*value: ([^\n]+)\s*\}/g)) settings.set(m[1], m[2].trim());
  return settings;
}

describe('Azure infrastructure (deployment/infra/main.bicep)', () => {
  it('creates exactly the containers the store opens, each partitioned by /serviceId', () => {
    const block = /var containerNames = \[([\s\S]*?)\]/.exec(bicep);
    assert.ok(block, 'containerNames list');
    const names = [...block[1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
    assert.deepEqual([...names].sort(), [...CONTAINERS].sort());
    assert.match(bicep, /partitionKey: \{\s*paths: \[\s*'\/serviceId'\s*\]/);
  });

  it('names the database the bot uses by default', () => {
    assert.match(bicep, new RegExp(`param cosmosDatabaseName string = '${loadConfig({}).cosmos.database}'`));
  });

  it('switches Cosmos DB keys off and gives the identity the built-in Data Contributor role', () => {
    assert.match(bicep, /disableLocalAuth: true/);
    assert.match(bicep, /minimalTlsVersion: 'Tls12'/);
    assert.match(bicep, /cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'/);
    assert.match(
      bicep,
      /sqlRoleAssignments@[\d-]+' = \{\s*parent: cosmos[\s\S]*?principalId: identity\.properties\.principalId/,
    );
    assert.match(bicep, /param cosmosServerless bool = true/);
    assert.match(bicep, /name: 'EnableServerless'/);
  });

  it('runs the web app on Linux Node 24 LTS, always on, HTTPS only, health-checked on /readyz', () => {
    assert.match(bicep, /param linuxFxVersion string = 'NODE\|24-lts'/);
    assert.match(bicep, /alwaysOn: true/);
    assert.match(bicep, /healthCheckPath: '\/readyz'/);
    assert.match(bicep, /httpsOnly: true/);
    assert.match(bicep, /minTlsVersion: '1\.2'/);
    assert.match(bicep, /appCommandLine: 'node dist\/src\/main\.js'/);
  });

  it('has the Logic App call the digest trigger as JSON (the bot answers 415 to any other declared type)', () => {
    const action = bicep.slice(bicep.indexOf('RunDigest:'), bicep.indexOf('retryPolicy:', bicep.indexOf('RunDigest:')));
    assert.match(action, /method: 'POST'/);
    assert.match(action, /'Content-Type': 'application\/json'/);
  });

  it('names one Node.js major everywhere: the Bicep, its parameters, package.json engines and CI', () => {
    const root = repoRoot();
    const major = /param linuxFxVersion string = 'NODE\|(\d+)-lts'/.exec(bicep)?.[1];
    assert.ok(major, 'the Bicep names a NODE|<major>-lts stack');
    assert.equal(parameters.linuxFxVersion.value, `NODE|${major}-lts`);
    const engines = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } })
      .engines.node;
    assert.equal(engines, `>=${major}`);
    const ci = readFileSync(path.join(root, '.ci', 'run'), 'utf8');
    assert.match(ci, new RegExp(`^NODE_MAJOR=${major}$`, 'm'), '.ci/run tests on the Node that Azure runs');
    // Node 20 left support in April 2026: the deployed major must be 24 or later.
    assert.ok(Number(major) >= 24, `Node ${major} is out of support`);
  });

  it('registers a managed-identity Azure Bot pointing at /api/messages with the Teams channel on', () => {
    assert.match(bicep, /msaAppType: 'UserAssignedMSI'/);
    assert.match(bicep, /msaAppMSIResourceId: identity\.id/);
    assert.match(bicep, /endpoint: 'https:\/\/\$\{web\.properties\.defaultHostName\}\/api\/messages'/);
    assert.match(bicep, /channelName: 'MsTeamsChannel'\s*properties: \{\s*isEnabled: true/);
  });

  it('gives the bot production settings that its own configuration accepts, with no key and no password', () => {
    const settings = appSettings();
    assert.equal(settings.get('NODE_ENV'), "'production'");
    assert.equal(settings.get('MicrosoftAppType'), "'UserAssignedMSI'");
    assert.equal(settings.get('MicrosoftAppId'), 'identity.properties.clientId');
    assert.equal(
      settings.get('AZURE_CLIENT_ID'),
      'identity.properties.clientId',
      'DefaultAzureCredential must pick the same identity',
    );
    assert.equal(settings.get('MicrosoftAppTenantId'), 'tenant().tenantId');
    assert.equal(settings.get('PLAYGROUND'), "'0'");
    for (const name of [
      'COSMOS_ENDPOINT',
      'COSMOS_DATABASE',
      'ALLOWED_TENANT_IDS',
      'DEFAULT_SERVICE_ID',
      'BOOTSTRAP_LEADS',
      'DIGEST_TIME',
      'DIGEST_TIMEZONE',
      'DIGEST_WINDOW_DAYS',
      'DIGEST_TRIGGER_TOKEN',
      'LOG_LEVEL',
    ]) {
      assert.ok(settings.has(name), `${name} is set`);
    }
    assert.equal(settings.has('COSMOS_KEY'), false);
    assert.equal(settings.has('MicrosoftAppPassword'), false);

    // The values such a deployment produces pass the bot's production checks and choose managed identity.
    const config = loadConfig({
      NODE_ENV: 'production',
      MicrosoftAppId: '6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab',
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: '0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b',
      COSMOS_ENDPOINT: 'https://cosmos-rtw-midyorks-abc123.documents.azure.com:443/',
      COSMOS_DATABASE: 'cardiac-rtw',
      DEFAULT_SERVICE_ID: String(parameters.defaultServiceId.value),
      DIGEST_TIME: String(parameters.digestTime.value),
      DIGEST_TIMEZONE: String(parameters.digestTimezone.value),
      DIGEST_WINDOW_DAYS: String(parameters.digestWindowDays.value),
      LOG_LEVEL: String(parameters.logLevel.value),
      PLAYGROUND: '0',
      PORT: '8080',
    });
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.cosmos.local, false);
  });

  it('has a parameters file whose every entry the template declares, covering the required ones', () => {
    const declared = declaredParams();
    for (const name of Object.keys(parameters))
      assert.ok(declared.has(name), `main.parameters.json sets undeclared parameter ${name}`);
    for (const [name, p] of declared) {
      if (!p.hasDefault) assert.ok(name in parameters, `required parameter ${name} missing from main.parameters.json`);
    }
    assert.equal(parameters.location.value, 'uksouth');
    assert.ok(
      !('digestTriggerToken' in parameters),
      'the trigger token is a secret: passed at deployment, never committed',
    );
  });
});
