import { strict as assert } from 'node:assert';
import { validateDischarge } from '../../src/domain/discharge';
import { validateFitNote } from '../../src/domain/fitNoteForm';
import { validateSession } from '../../src/domain/session';

const TODAY = '2026-11-25';
const REFERRED = '2026-11-01';

function errorsOf(r: { ok: boolean }): Record<string, string> {
  return (r as { errors?: Record<string, string> }).errors ?? {};
}

describe('session validation', () => {
  const good = {
    date: '2026-11-24',
    mode: 'telephone',
    durationMinutes: '45',
    topics: 'fatigue,pacing,fatigue',
    notes: 'Call',
    nextContactDate: '2026-12-01',
  };

  it('accepts a session and reads topics as a de-duplicated list', () => {
    const r = validateSession(good, TODAY, REFERRED);
    assert.ok(r.ok);
    assert.deepEqual(r.value.topics, ['fatigue', 'pacing']);
    assert.equal(r.value.durationMinutes, 45);
  });

  it('refuses a future date, a date before the referral and a next contact before the session', () => {
    assert.match(errorsOf(validateSession({ ...good, date: '2026-11-26' }, TODAY, REFERRED)).date, /future/);
    assert.match(
      errorsOf(validateSession({ ...good, date: '2026-10-31' }, TODAY, REFERRED)).date,
      /before the referral/,
    );
    assert.match(
      errorsOf(validateSession({ ...good, nextContactDate: '2026-11-23' }, TODAY, REFERRED)).nextContactDate,
      /before this session/,
    );
    assert.match(
      errorsOf(validateSession({ ...good, nextContactDate: '2028-01-01' }, TODAY, REFERRED)).nextContactDate,
      /year/,
    );
  });

  it('requires notes, a known mode and a whole number of minutes; 0 only for did not attend', () => {
    const e = errorsOf(
      validateSession({ ...good, notes: ' ', mode: 'post', durationMinutes: '12.5' }, TODAY, REFERRED),
    );
    assert.deepEqual(Object.keys(e).sort(), ['durationMinutes', 'mode', 'notes']);
    assert.match(
      errorsOf(validateSession({ ...good, durationMinutes: '0' }, TODAY, REFERRED)).durationMinutes,
      /did not attend/,
    );
    assert.ok(validateSession({ ...good, mode: 'did_not_attend', durationMinutes: '0' }, TODAY, REFERRED).ok);
  });
});

describe('discharge validation', () => {
  it('accepts an outcome from the contract list and a date between referral and today', () => {
    assert.ok(validateDischarge({ outcome: 'returned_full', date: TODAY }, TODAY, REFERRED).ok);
    assert.match(
      errorsOf(validateDischarge({ outcome: 'returned', date: TODAY }, TODAY, REFERRED)).outcome,
      /from the list/,
    );
    assert.match(errorsOf(validateDischarge({ outcome: 'retired' }, TODAY, REFERRED)).date, /Enter the discharge date/);
    assert.match(
      errorsOf(validateDischarge({ outcome: 'retired', date: '2026-11-26' }, TODAY, REFERRED)).date,
      /future/,
    );
    assert.match(
      errorsOf(validateDischarge({ outcome: 'retired', date: '2026-10-01' }, TODAY, REFERRED)).date,
      /before the referral/,
    );
  });
});

describe('fit note form validation', () => {
  const EVENT = '2026-10-20';
  const DAY = '2026-11-25'; // the service's today
  it('applies the Med3 rules on the fit note card’s field names', () => {
    assert.ok(
      validateFitNote(
        { status: 'may_be_fit', advice: 'altered_hours', startDate: '2026-11-25', endDate: '2027-02-24' },
        EVENT,
        DAY,
      ).ok,
    );
    assert.match(
      errorsOf(validateFitNote({ status: 'may_be_fit', startDate: '2026-11-25', endDate: '2027-02-26' }, EVENT, DAY))
        .endDate,
      /at most 3 months/,
    );
    assert.match(
      errorsOf(
        validateFitNote(
          { status: 'not_fit', advice: 'altered_hours', startDate: '2026-11-25', endDate: '2026-12-25' },
          EVENT,
          DAY,
        ),
      ).advice,
      /no advice/,
    );
    assert.match(
      errorsOf(validateFitNote({ status: 'not_fit', startDate: '2026-11-25', endDate: '2026-11-24' }, EVENT, DAY))
        .endDate,
      /before it starts/,
    );
    // After the first 6 months a longer note is allowed (on a day after it was issued: never a future note).
    assert.ok(
      validateFitNote({ status: 'not_fit', startDate: '2027-05-01', endDate: '2027-10-01' }, EVENT, '2027-05-01').ok,
    );
  });
});
