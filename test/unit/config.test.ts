import { serviceName } from '../../src/domain/serviceName';
import { strict as assert } from 'node:assert';
import { ConfigError, loadConfig } from '../../src/config';

describe('configuration', () => {
  it('defaults to local mode: embedded store, no auth, loopback only', () => {
    const c = loadConfig({});
    assert.equal(c.port, 3978);
    assert.equal(c.cosmos.endpoint, undefined);
    assert.equal(c.authenticationEnabled, false);
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.digest.time, '08:00');
    assert.equal(c.digest.timezone, 'Europe/London');
    assert.equal(c.digest.windowDays, 7);
    assert.equal(c.digest.catchUpUntil, '12:00');
    assert.equal(c.playground, true);
  });

  it('stays on loopback without an app id even when HOST asks otherwise', () => {
    assert.equal(loadConfig({ HOST: '0.0.0.0' }).host, '127.0.0.1');
    assert.equal(loadConfig({ MicrosoftAppId: 'x', HOST: '0.0.0.0' }).host, '0.0.0.0');
  });

  it('refuses production without an app id or a Cosmos endpoint', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production' }), ConfigError);
    assert.throws(() => loadConfig({ NODE_ENV: 'production', MicrosoftAppId: 'x' }), /COSMOS_ENDPOINT/);
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', COSMOS_ENDPOINT: 'https://a.documents.azure.com:443/' }),
      /MicrosoftAppId/,
    );
    assert.equal(
      loadConfig({ NODE_ENV: 'production', MicrosoftAppId: 'x', COSMOS_ENDPOINT: 'https://a.documents.azure.com:443/' })
        .production,
      true,
    );
  });

  it('takes a loopback endpoint for a local emulator and any other for Azure', () => {
    assert.equal(loadConfig({ COSMOS_ENDPOINT: 'https://localhost:8081/' }).cosmos.local, true);
    assert.equal(loadConfig({ COSMOS_ENDPOINT: 'https://127.0.0.1:8081/' }).cosmos.local, true);
    assert.equal(loadConfig({ COSMOS_ENDPOINT: 'https://rtw.documents.azure.com:443/' }).cosmos.local, false);
    assert.equal(loadConfig({ COSMOS_ENDPOINT: 'https://localhost.evil.example/' }).cosmos.local, false);
  });

  it('parses lists and turns off the playground when an app id is set', () => {
    const c = loadConfig({ ALLOWED_TENANT_IDS: 'AAA, bbb', BOOTSTRAP_LEADS: 'X;y', MicrosoftAppId: 'id' });
    assert.deepEqual(c.allowedTenantIds, ['aaa', 'bbb']);
    assert.deepEqual(c.bootstrapLeads, ['x', 'y']);
    assert.equal(c.playground, false);
    assert.equal(loadConfig({ PLAYGROUND: '0' }).playground, false);
  });

  it('names the variable that is wrong', () => {
    assert.throws(() => loadConfig({ DIGEST_TIME: '8am' }), /DIGEST_TIME/);
    assert.throws(() => loadConfig({ DIGEST_CATCH_UP_UNTIL: '25:00' }), /DIGEST_CATCH_UP_UNTIL/);
    assert.throws(() => loadConfig({ DIGEST_TIMEZONE: 'Mars/Olympus' }), /DIGEST_TIMEZONE/);
    assert.throws(() => loadConfig({ COSMOS_ENDPOINT: 'not a url' }), /COSMOS_ENDPOINT/);
    assert.throws(
      () => loadConfig({ COSMOS_ENDPOINT: 'http://rtw.documents.azure.com:443/' }),
      /COSMOS_ENDPOINT must be https/,
    );
    assert.equal(loadConfig({ COSMOS_ENDPOINT: 'http://127.0.0.1:8081/' }).cosmos.local, true);
    assert.throws(() => loadConfig({ MicrosoftAppId: 'x', MicrosoftAppType: 'SingleTenant' }), /MicrosoftAppTenantId/);
    assert.throws(
      () => loadConfig({ MicrosoftAppId: 'x', MicrosoftAppType: 'UserAssignedMSI' }),
      /UserAssignedMSI needs MicrosoftAppTenantId/,
    );
    assert.throws(() => loadConfig({ RETENTION_YEARS: '0' }), /RETENTION_YEARS/);
    assert.equal(loadConfig({}).retentionYears, 8);
  });

  it('SERVICE_DIVISIONS sets a service’s bank-holiday division; every other service is England and Wales', () => {
    assert.deepEqual(loadConfig({}).serviceDivisions, {});
    assert.deepEqual(
      loadConfig({ SERVICE_DIVISIONS: 'lothian:scotland, belfast-trust:northern-ireland' }).serviceDivisions,
      {
        lothian: 'scotland',
        'belfast-trust': 'northern-ireland',
      },
    );
    assert.throws(() => loadConfig({ SERVICE_DIVISIONS: 'lothian:wales' }), /SERVICE_DIVISIONS/);
    assert.throws(() => loadConfig({ SERVICE_DIVISIONS: 'lothian' }), /SERVICE_DIVISIONS/);
    assert.throws(() => loadConfig({ SERVICE_DIVISIONS: 'lothian:scotland,lothian:northern-ireland' }), /twice/);
  });

  it('SERVICE_NAMES names services for cards; a service not named shows its id made readable', () => {
    const names = loadConfig({
      SERVICE_NAMES: 'mid-yorkshire:Mid Yorkshire Cardiac Rehabilitation, leeds:Leeds Heart Team',
    }).serviceNames;
    assert.deepEqual(names, { 'mid-yorkshire': 'Mid Yorkshire Cardiac Rehabilitation', leeds: 'Leeds Heart Team' });
    assert.equal(serviceName('mid-yorkshire', names), 'Mid Yorkshire Cardiac Rehabilitation');
    assert.equal(serviceName('west-yorkshire', names), 'West Yorkshire');
    assert.equal(serviceName('mid-yorkshire', loadConfig({}).serviceNames), 'Mid Yorkshire');
    assert.throws(() => loadConfig({ SERVICE_NAMES: 'Mid Yorkshire' }), /SERVICE_NAMES/);
    assert.throws(() => loadConfig({ SERVICE_NAMES: 'leeds:A,leeds:B' }), /twice/);
  });
});
