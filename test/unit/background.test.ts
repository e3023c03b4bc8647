import { strict as assert } from 'node:assert';
import { BackgroundTasks } from '../../src/services/core/background';

describe('background tasks', () => {
  it('idle() waits for every task, including one started by a task while waiting', async () => {
    const tasks = new BackgroundTasks();
    const done: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    tasks.run(async () => {
      await gate;
      done.push('first');
      tasks.run(async () => {
        await new Promise((r) => setImmediate(r));
        done.push('second');
      });
    });
    let idle = false;
    const waiting = tasks.idle().then(() => (idle = true));
    await new Promise((r) => setImmediate(r));
    assert.equal(idle, false, 'not idle while the first task waits');
    release();
    await waiting;
    assert.deepEqual(done, ['first', 'second']);
  });

  it('a failing task is contained: no unhandled rejection, and idle() still resolves once it is over', async () => {
    const tasks = new BackgroundTasks();
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      let ran = 0;
      tasks.run(async () => {
        ran++;
        throw new Error('teams away');
      });
      tasks.run(() => (ran++, Promise.reject(new Error('again'))));
      await tasks.idle();
      await new Promise((r) => setImmediate(r));
      assert.equal(ran, 2);
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
