import { strict as assert } from 'node:assert';
import { TestBot } from '../support/testBot';

/** Agents Playground checks the endpoint with HEAD each time it connects; that logged a 405 warning. */
describe('HEAD /api/messages (the playground checking the bot is there)', () => {
  let bot: TestBot;

  before(async () => {
    bot = await TestBot.start({ env: { LOG_LEVEL: 'info' } });
  });
  after(() => bot.stop());

  it('answers 200 with no body and no warning; GET is still not allowed', async () => {
    const before = bot.logLines.length;
    const head = await fetch(`${bot.app.url}/api/messages`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('allow'), 'POST, HEAD');
    assert.equal((await head.text()).length, 0);
    assert.deepEqual(
      bot.logLines.slice(before).filter((l) => l.includes('"event":"http.error"')),
      [],
      'no http.error warning',
    );
    const get = await fetch(`${bot.app.url}/api/messages`);
    assert.equal(get.status, 405);
  });
});
