import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { invokeActivity } from '../support/activities';
import { cardText } from '../support/cards';
import { OpenIdServer } from '../support/openIdServer';
import { LEAD, NURSE } from '../support/people';
import { allDocs } from '../support/storeInspect';
import { TestBot } from '../support/testBot';

const APP_ID = '00000000-1111-2222-3333-444444444444';

/** Inbound authentication with a real JWT check against a loopback OpenID server. */
describe('inbound authentication (JWT) with MicrosoftAppId set', () => {
  let openId: OpenIdServer;
  let bot: TestBot;
  let stderr: sinon.SinonStub;

  before(async () => {
    openId = await new OpenIdServer().start();
    bot = await TestBot.start({
      env: {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'unused-in-tests',
        MicrosoftAppType: 'MultiTenant',
        BOOTSTRAP_LEADS: LEAD.aadObjectId,
      },
      appOptions: { adapterExtra: openId.adapterSettings() },
    });
  });
  after(async () => {
    await bot.stop();
    await openId.stop();
  });
  // CloudAdapter.process and the SDK's token check printed each refusal to stderr (stacks, signing
  // keys); the bot must write nothing there: a refusal is one structured log line.
  beforeEach(() => (stderr = sinon.stub(process.stderr, 'write')));
  afterEach(() => stderr.restore());

  async function invokeWith(token: string | undefined, data: Record<string, unknown>) {
    const activity = invokeActivity(LEAD, 'staff.submit', data, bot.connector.url);
    return bot.post(activity, token ? { authorization: `Bearer ${token}` } : {});
  }

  const nurseData = { aadObjectId: NURSE.aadObjectId, name: NURSE.name, role: 'nurse' };

  it('runs a request carrying a valid token', async () => {
    const token = await openId.token({ audience: APP_ID, serviceUrl: bot.connector.url });
    const answer = await invokeWith(token, nurseData);
    assert.equal(answer.status, 200);
    assert.match(cardText(answer.body.value), /Saved: Nora Nurse/);
  });

  const refused: [string, () => Promise<string | undefined>][] = [
    ['no token', async () => undefined],
    ['a malformed token', async () => 'not.a.jwt'],
    ['a token for another audience', () => openId.token({ audience: 'some-other-bot', serviceUrl: bot.connector.url })],
    [
      'a token from another issuer',
      () => openId.token({ audience: APP_ID, serviceUrl: bot.connector.url, issuer: 'https://evil.example/' }),
    ],
    [
      'an expired token',
      () =>
        openId.token({
          audience: APP_ID,
          serviceUrl: bot.connector.url,
          expiresIn: Math.floor(Date.now() / 1000) - 3600,
        }),
    ],
    [
      'a token signed with an unpublished key',
      () => openId.token({ audience: APP_ID, serviceUrl: bot.connector.url, forged: true }),
    ],
    ['a token for another serviceUrl', () => openId.token({ audience: APP_ID, serviceUrl: 'https://smba.example/' })],
  ];
  for (const [what, make] of refused) {
    it(`refuses ${what} with 401 and runs nothing`, async () => {
      const before = await allDocs(bot.database, 'staff');
      const answer = await invokeWith(await make(), {
        aadObjectId: 'aaaaaaaa-0000-0000-0000-000000000042',
        name: 'Should Not Exist',
        role: 'ot',
      });
      assert.equal(answer.status, 401);
      assert.equal(stderr.callCount, 0, 'nothing written to stderr');
      const after = await allDocs(bot.database, 'staff');
      assert.equal(after.length, before.length);
      assert.equal(
        after.some((s) => s.name === 'Should Not Exist'),
        false,
      );
    });
  }
});
