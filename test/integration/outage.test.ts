import { strict as assert } from 'node:assert';
import { messageActivity } from '../support/activities';
import { cardText } from '../support/cards';
import { LEAD, NURSE, validReferral } from '../support/people';
import { sharedCosmos, uniqueDatabase } from '../support/sharedCosmos';
import { allDocs } from '../support/storeInspect';
import { TcpProxy } from '../support/tcpProxy';
import { TestBot } from '../support/testBot';

/** The store goes away mid-conversation (the link is cut), then comes back. */
describe('store outage', () => {
  let proxy: TcpProxy;
  let bot: TestBot;
  const database = uniqueDatabase('outage');

  before(async () => {
    const cosmos = await sharedCosmos();
    proxy = new TcpProxy(Number(new URL(cosmos.endpoint).port));
    await proxy.up();
    bot = await TestBot.start({
      database,
      env: { COSMOS_ENDPOINT: `http://127.0.0.1:${proxy.port}/`, BOOTSTRAP_LEADS: LEAD.aadObjectId },
      // These tests watch /readyz change at once as the link goes and comes (it is cached 5 s by default).
      appOptions: { readyCacheMs: 0 },
    });
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: NURSE.aadObjectId, name: NURSE.name, role: 'nurse' });
  });
  after(async () => {
    await bot.stop();
    await proxy.down().catch(() => undefined);
  });

  it('answers /readyz 503 within seconds, tells the user nothing was lost, writes nothing, and stays up', async () => {
    await proxy.down();
    const started = Date.now();
    assert.equal((await fetch(`${bot.app.url}/readyz`)).status, 503);
    assert.ok(Date.now() - started < 15_000);

    const data = validReferral({ patientName: 'During Outage' });
    const answer = await bot.invokeRaw(NURSE, 'referral.submit', data);
    assert.equal(answer.status, 200);
    assert.match(cardText(answer.body.value), /Nothing was lost/);

    const [reply] = await bot.say(NURSE, 'find outage');
    assert.match(cardText(reply), /Nothing was lost/);
    assert.equal((await fetch(`${bot.app.url}/healthz`)).status, 200);
  });

  it('recovers by itself when the store returns, and the retried referral is saved once', async () => {
    await proxy.up();
    assert.equal((await fetch(`${bot.app.url}/readyz`)).status, 200);
    const data = validReferral({ patientName: 'After Outage' });
    const card = await bot.invoke(NURSE, 'referral.submit', data);
    assert.match(cardText(card), /Referral sent: RTW-\d{4}/);
    const again = await bot.invoke(NURSE, 'referral.submit', data);
    assert.deepEqual(again, card);
    const names = (await allDocs(database, 'cases')).map((c) => c.patient.name);
    assert.deepEqual(names, ['After Outage'], 'nothing half-written during the outage');
  });

  it('keeps the confirmation when the Teams connector fails: it travels in the invoke answer', async () => {
    bot.connector.failNext({ status: 500 }, 20);
    const data = validReferral({ patientName: 'Connector Down' });
    const answer = await bot.invokeRaw(NURSE, 'referral.submit', data);
    assert.equal(answer.status, 200);
    assert.match(cardText(answer.body.value), /Referral sent: RTW-\d{4}/);
    // A message whose reply cannot be delivered does not crash the bot or fail the HTTP request with a 5xx.
    const message = await bot.post(messageActivity(NURSE, 'whoami', bot.connector.url));
    assert.ok(message.status < 500, `message answered ${message.status}`);
    assert.equal((await allDocs(database, 'cases')).filter((c) => c.patient.name === 'Connector Down').length, 1);
    assert.equal((await fetch(`${bot.app.url}/healthz`)).status, 200);
  });
});
