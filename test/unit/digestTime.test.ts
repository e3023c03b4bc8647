import { ENGLAND_AND_WALES } from '../../src/domain/workingDays';
import { strict as assert } from 'node:assert';
import { dueDate, localInstant, nextDueAt } from '../../src/scheduler/digestTime';
import { retryAfterMs } from '../../src/teams/notifier';

const LONDON = { time: '08:00', zone: 'Europe/London', catchUpUntil: '12:00', holidays: ENGLAND_AND_WALES };
const at = (iso: string) => new Date(iso);

describe('digest time (local time, clock changes, working days)', () => {
  it('08:00 London is 08:00Z in winter and 07:00Z in summer, on the clock-change Sundays too', () => {
    assert.equal(localInstant('2026-03-28', '08:00', 'Europe/London').toISOString(), '2026-03-28T08:00:00.000Z');
    assert.equal(localInstant('2026-03-29', '08:00', 'Europe/London').toISOString(), '2026-03-29T07:00:00.000Z');
    assert.equal(localInstant('2026-10-25', '08:00', 'Europe/London').toISOString(), '2026-10-25T08:00:00.000Z');
    assert.equal(localInstant('2026-10-24', '08:00', 'Europe/London').toISOString(), '2026-10-24T07:00:00.000Z');
  });

  it('is due from DIGEST_TIME until the cut-off on working days only', () => {
    assert.equal(dueDate(at('2026-03-30T06:59:59Z'), LONDON), null);
    assert.equal(dueDate(at('2026-03-30T07:00:00Z'), LONDON), '2026-03-30');
    assert.equal(dueDate(at('2026-03-30T10:59:59Z'), LONDON), '2026-03-30');
    assert.equal(dueDate(at('2026-03-30T11:00:00Z'), LONDON), null, '12:00 BST is the cut-off');
    assert.equal(dueDate(at('2026-10-26T07:30:00Z'), LONDON), null, '07:30 GMT');
    assert.equal(dueDate(at('2026-10-26T08:00:00Z'), LONDON), '2026-10-26');
    assert.equal(dueDate(at('2026-03-29T07:00:00Z'), LONDON), null, 'Sunday');
    assert.equal(dueDate(at('2026-04-06T07:30:00Z'), LONDON), null, 'Easter Monday');
    // A cut-off at or before the digest time still leaves an hour.
    assert.equal(dueDate(at('2026-11-25T08:30:00Z'), { ...LONDON, catchUpUntil: '07:00' }), '2026-11-25');
  });

  it('the next run skips weekends and bank holidays and follows the clock change', () => {
    assert.equal(nextDueAt(at('2026-03-27T09:00:00Z'), LONDON).toISOString(), '2026-03-30T07:00:00.000Z');
    assert.equal(nextDueAt(at('2026-10-23T09:00:00Z'), LONDON).toISOString(), '2026-10-26T08:00:00.000Z');
    assert.equal(
      nextDueAt(at('2026-04-02T09:00:00Z'), LONDON).toISOString(),
      '2026-04-07T07:00:00.000Z',
      'Good Friday and Easter Monday skipped',
    );
    assert.equal(
      nextDueAt(at('2026-11-25T07:59:00Z'), LONDON).toISOString(),
      '2026-11-25T08:00:00.000Z',
      'today, still ahead',
    );
    assert.equal(
      nextDueAt(at('2026-07-01T06:00:00Z'), { ...LONDON, time: '06:30', zone: 'Europe/Paris' }).toISOString(),
      '2026-07-02T04:30:00.000Z',
      'another zone',
    );
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const err = (value?: string) => ({
      statusCode: 429,
      response: { headers: { get: (n: string) => (n === 'retry-after' ? value : undefined) } },
    });
    assert.equal(retryAfterMs(err('3')), 3000);
    assert.equal(retryAfterMs(err('Wed, 25 Nov 2026 10:00:05 GMT'), Date.parse('2026-11-25T10:00:00Z')), 5000);
    assert.equal(retryAfterMs(err(undefined)), undefined);
    assert.equal(retryAfterMs(new Error('network')), undefined);
  });
});
