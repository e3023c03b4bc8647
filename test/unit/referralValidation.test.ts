import { strict as assert } from 'node:assert';
import { validateReferral } from '../../src/domain/referral';
import { validReferral } from '../support/people';

const TODAY = '2026-11-25';

function errorsFor(overrides: Record<string, unknown>): Record<string, string> {
  const r = validateReferral(validReferral(overrides), TODAY);
  return r.ok ? {} : r.errors;
}

describe('referral validation', () => {
  it('accepts a complete valid referral and normalises it', () => {
    const r = validateReferral(validReferral({ nhsNumber: ' 943 476 5919 ' }), TODAY);
    assert.ok(r.ok);
    assert.equal(r.value.nhsNumber, '9434765919');
    assert.deepEqual(r.value.jobDemands, ['manual_handling', 'shift_work']);
    assert.equal(r.value.hoursPerWeek, 37.5);
  });

  it('names every missing required field at once', () => {
    const r = validateReferral({}, TODAY);
    assert.ok(!r.ok);
    for (const f of [
      'patientName',
      'nhsNumber',
      'dateOfBirth',
      'eventType',
      'eventDate',
      'employmentStatus',
      'contactPreference',
      'consent',
    ]) {
      assert.ok(r.errors[f], `${f} should be named`);
    }
    assert.equal(r.errors.phone, undefined, 'optional fields are not errors');
  });

  it('treats blank strings (a cleared input) as missing', () => {
    assert.match(errorsFor({ patientName: '   ' }).patientName, /Enter the patient/);
  });

  it('refuses an NHS number failing its check digit, and a short one', () => {
    assert.match(errorsFor({ nhsNumber: '9434765918' }).nhsNumber, /check digit/);
    assert.match(errorsFor({ nhsNumber: '94347659' }).nhsNumber, /10 digits/);
  });

  it('refuses unknown option values', () => {
    const e = errorsFor({
      eventType: 'stroke',
      employmentStatus: 'astronaut',
      contactPreference: 'pigeon',
      jobDemands: 'sedentary,juggling',
      fitNoteStatus: 'maybe',
    });
    assert.ok(
      e.eventType && e.employmentStatus && e.contactPreference && e.jobDemands && e.fitNoteStatus,
      JSON.stringify(e),
    );
  });

  it('refuses impossible dates', () => {
    assert.match(errorsFor({ eventDate: '2026-11-26' }).eventDate, /future/);
    assert.match(errorsFor({ eventDate: '2026-02-30' }).eventDate, /not a real date/);
    assert.match(errorsFor({ dateOfBirth: '2027-01-01' }).dateOfBirth, /past/);
    assert.match(errorsFor({ dischargeDate: '2026-10-19' }).dischargeDate, /before the cardiac event/);
  });

  it('refuses a fit note ending before it starts', () => {
    assert.match(
      errorsFor({ fitNoteStart: '2026-11-10', fitNoteEnd: '2026-11-09' }).fitNoteEnd,
      /end before it starts/,
    );
  });

  it('refuses on the referral card every fit note the fit note card refuses, by field (CONTRACT §4)', () => {
    // Event 2026-10-20 (validReferral). Before issue 14 the referral card took a note ending before the event.
    assert.match(
      errorsFor({ fitNoteStart: '2026-10-01', fitNoteEnd: '2026-10-15' }).fitNoteEnd,
      /end before the cardiac event/,
    );
    assert.match(
      errorsFor({ fitNoteStart: '2026-10-01', fitNoteEnd: '2026-10-15' }).fitNoteStart,
      /start before the cardiac event/,
    );
    assert.match(
      errorsFor({ fitNoteStart: '2026-11-26', fitNoteEnd: '2026-12-20' }).fitNoteStart,
      /cannot be issued after today|cannot start after today/,
    );
    assert.match(errorsFor({ fitNoteStart: '2036-10-24', fitNoteEnd: '2036-11-24' }).fitNoteStart, /after today/);
  });

  it('refuses a fit note over 3 months in the first 6 months after the event', () => {
    // Event 2026-10-20; a note from 2026-10-24 may run to 2027-01-24 at most.
    assert.match(errorsFor({ fitNoteEnd: '2027-01-25' }).fitNoteEnd, /at most 3 months/);
    assert.deepEqual(errorsFor({ fitNoteEnd: '2027-01-24' }), {});
  });

  it('allows a longer note once the first 6 months have passed', () => {
    const e = errorsFor({
      eventDate: '2025-01-10',
      dischargeDate: '2025-01-15',
      fitNoteStart: '2025-08-01',
      fitNoteEnd: '2025-12-31',
    });
    assert.deepEqual(e, {});
  });

  it('asks for the status when fit note dates are given without one, and for dates when a status is', () => {
    assert.match(errorsFor({ fitNoteStatus: '' }).fitNoteStatus, /say whether/);
    const e = errorsFor({ fitNoteStart: '', fitNoteEnd: '' });
    assert.ok(e.fitNoteStart && e.fitNoteEnd);
    assert.deepEqual(errorsFor({ fitNoteStatus: 'none', fitNoteStart: '', fitNoteEnd: '' }), {});
  });

  it('requires consent to be true', () => {
    assert.match(errorsFor({ consent: 'false' }).consent, /agree/);
    assert.match(errorsFor({ consent: undefined }).consent, /agree/);
  });

  it('refuses values of the wrong type without throwing', () => {
    const e = errorsFor({
      patientName: 42,
      nhsNumber: { $gt: '' },
      eventDate: ['2026-10-01'],
      hoursPerWeek: 'lots',
      consent: 1,
    });
    assert.ok(e.patientName && e.nhsNumber && e.eventDate && e.hoursPerWeek && e.consent, JSON.stringify(e));
  });

  it('keeps names and notes within bounds', () => {
    assert.match(errorsFor({ patientName: 'x'.repeat(101) }).patientName, /under 100/);
    assert.match(errorsFor({ notes: 'y'.repeat(2001) }).notes, /under 2000/);
  });
});
