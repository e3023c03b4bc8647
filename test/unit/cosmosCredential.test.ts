import { strict as assert } from 'node:assert';
import { DefaultAzureCredential } from '@azure/identity';
import sinon from 'sinon';
import { cosmosCredentialChoice, startApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import type { CosmosOptions } from '../../src/store/cosmos';
import * as storeModule from '../../src/store';

const AZURE = 'https://cardiac-rtw-uks.documents.azure.com:443/';
const APP = {
  MicrosoftAppId: '6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab',
  MicrosoftAppType: 'UserAssignedMSI',
  MicrosoftAppTenantId: '0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b',
};

describe('Cosmos credential choice (key or managed identity)', () => {
  it('uses managed identity for an Azure endpoint with no COSMOS_KEY, as deployed', () => {
    assert.equal(
      cosmosCredentialChoice(loadConfig({ ...APP, NODE_ENV: 'production', COSMOS_ENDPOINT: AZURE })),
      'managed-identity',
    );
  });

  it('treats a blank COSMOS_KEY (an empty app setting) as no key', () => {
    assert.equal(cosmosCredentialChoice(loadConfig({ COSMOS_ENDPOINT: AZURE, COSMOS_KEY: '  ' })), 'managed-identity');
  });

  it('uses the key when COSMOS_KEY is set, even for Azure', () => {
    assert.equal(cosmosCredentialChoice(loadConfig({ COSMOS_ENDPOINT: AZURE, COSMOS_KEY: 'c2VjcmV0' })), 'key');
  });

  it('uses a key for a local emulator (loopback endpoint) with or without COSMOS_KEY', () => {
    for (const endpoint of ['https://localhost:8081/', 'https://127.0.0.1:8081/', 'https://[::1]:8081/']) {
      assert.equal(cosmosCredentialChoice(loadConfig({ COSMOS_ENDPOINT: endpoint })), 'key', endpoint);
    }
  });

  it('uses a key for the embedded store (no COSMOS_ENDPOINT)', () => {
    assert.equal(cosmosCredentialChoice(loadConfig({})), 'key');
  });

  it('does not take a DNS name that merely starts with 127. for a local emulator', () => {
    const c = loadConfig({ COSMOS_ENDPOINT: 'https://127.0.0.1.nip.io:8081/' });
    assert.equal(c.cosmos.local, false, 'full TLS verification for a remote host');
    assert.equal(cosmosCredentialChoice(c), 'managed-identity');
  });

  describe('what startApp hands the store', () => {
    let captured: CosmosOptions | undefined;
    let stub: sinon.SinonStub;
    const stop = new Error('stop after openStore');

    beforeEach(() => {
      captured = undefined;
      stub = sinon.stub(storeModule, 'openStore').callsFake(async (options: CosmosOptions) => {
        captured = options;
        throw stop;
      });
    });
    afterEach(() => stub.restore());

    const log = createLogger('silent');

    it('a DefaultAzureCredential and no key for Azure without COSMOS_KEY, with TLS verified', async () => {
      await assert.rejects(
        startApp(loadConfig({ ...APP, NODE_ENV: 'production', COSMOS_ENDPOINT: AZURE }), { log }),
        stop,
      );
      assert.ok(captured);
      assert.equal(captured.key, undefined);
      assert.ok(captured.credential instanceof DefaultAzureCredential);
      assert.equal(captured.acceptSelfSignedCertificate, false);
      assert.equal(captured.endpoint, AZURE);
      assert.equal(captured.databaseId, 'cardiac-rtw');
    });

    it('the key and no credential when COSMOS_KEY is set', async () => {
      await assert.rejects(startApp(loadConfig({ COSMOS_ENDPOINT: AZURE, COSMOS_KEY: 'c2VjcmV0' }), { log }), stop);
      assert.equal(captured?.key, 'c2VjcmV0');
      assert.equal(captured?.credential, undefined);
      assert.equal(captured?.acceptSelfSignedCertificate, false);
    });

    it('the emulator key for a loopback emulator started without one', async () => {
      await assert.rejects(startApp(loadConfig({ COSMOS_ENDPOINT: 'https://localhost:8081/' }), { log }), stop);
      assert.ok(captured?.key && captured.key.length > 40, 'the well-known emulator key');
      assert.equal(captured?.credential, undefined);
      assert.equal(captured?.acceptSelfSignedCertificate, true);
    });
  });
});
