import { strict as assert } from 'node:assert';
import { DateTime } from 'luxon';
import { employerReportContent, quotedNoteText, reportWarnings } from '../../src/cards/report';
import type { CaseRecord } from '../../src/domain/case';
import { mondayOf, reportSchedule, validateEmployerReport } from '../../src/domain/employerReport';
import { activeCaseRecord, withEmployerReport } from '../support/seedCases';

const TODAY = '2026-11-25';
const isMonday = (d: string) => DateTime.fromISO(d).weekday === 1;

describe('employer report rules (AHP Health and Work Report)', () => {
  it('weeks commence on Mondays: a phase starting on a Friday is shown in the week of the Monday before, from its day', () => {
    assert.equal(mondayOf('2026-12-04'), '2026-11-30');
    assert.equal(mondayOf('2026-11-30'), '2026-11-30');
    const weeks = reportSchedule({
      contractedHours: 37.5,
      targetReturnDate: '2026-12-23', // a Wednesday
      phases: [
        { start: '2026-12-04', hoursPerWeek: 16, daysPerWeek: 4 }, // Friday
        { start: '2026-12-14', hoursPerWeek: 24, daysPerWeek: 4 }, // Monday
      ],
    });
    assert.ok(
      weeks.every((w) => isMonday(w.weekCommencing)),
      JSON.stringify(weeks),
    );
    assert.deepEqual(
      weeks.map((w) => [w.weekCommencing, w.phase, w.from ?? '']),
      [
        ['2026-11-30', 1, '2026-12-04'],
        ['2026-12-07', 1, ''],
        ['2026-12-14', 2, ''],
        ['2026-12-21', 2, ''],
        ['2026-12-21', null, '2026-12-23'],
      ],
    );
  });

  it('the card and PDF content: Monday weeks, fitness only as recorded, nothing from sessions', () => {
    const c = withEmployerReport(
      activeCaseRecord('svc', 'case-unit-1', 'RTW-0801', {
        sessions: [
          {
            id: 's1',
            date: '2026-11-10',
            mode: 'telephone',
            durationMinutes: 30,
            topics: ['finance', 'sleep', 'confidence'],
            notes: 'Debts worry him.',
            recordedAt: '2026-11-10T10:00:00Z',
            recordedBy: { aadObjectId: 'ot', name: 'OT' },
          },
        ],
        plan: {
          revision: 'r1',
          targetReturnDate: '2027-01-08', // a Friday
          contractedHours: 37.5,
          phases: [{ start: '2026-12-04', hoursPerWeek: 16, daysPerWeek: 4 }],
          employerConsent: true,
          updatedAt: '2026-11-20T09:00:00Z',
          updatedBy: { aadObjectId: 'ot', name: 'OT' },
        },
      }),
    );
    const content = employerReportContent(c)!;
    assert.equal(content.fitness, 'This report makes no statement about fitness for work.');
    assert.deepEqual(
      content.schedule.map((r) => [r.week, r.phase]),
      [
        ['30 Nov 2026', '1 (from Fri 4 Dec)'],
        ['7 Dec 2026', '1'],
        ['14 Dec 2026', '1'],
        ['21 Dec 2026', '1'],
        ['28 Dec 2026', '1'],
        ['4 Jan 2027', '1'],
        ['4 Jan 2027', 'Full return (from Fri 8 Jan)'],
      ],
    );
    assert.doesNotMatch(JSON.stringify(content), /finance|sleep|confidence|Debts/i);
    // What the OT did not tick is not recommended.
    assert.deepEqual(
      content.recommendations.filter((r) => r.value === 'Yes').map((r) => r.title),
      ['A phased return to work'],
    );
    assert.equal(
      employerReportContent({ ...c, employerReport: undefined }),
      null,
      'no content before a report is saved',
    );
  });

  it('warns the practitioner when what the saved report quotes has changed: the plan, the fit note in force, the period', () => {
    const base = withEmployerReport(
      activeCaseRecord('svc', 'case-unit-2', 'RTW-0802', {
        plan: {
          revision: 'r1',
          targetReturnDate: '2027-01-04',
          contractedHours: 37.5,
          phases: [{ start: '2026-11-30', hoursPerWeek: 16, daysPerWeek: 4 }],
          employerConsent: true,
          updatedAt: '2026-11-20T09:00:00Z',
          updatedBy: { aadObjectId: 'ot', name: 'OT' },
        },
      }),
    );
    assert.equal(reportWarnings(base, TODAY), '');
    assert.match(reportWarnings({ ...base, plan: { ...base.plan!, revision: 'r2' } }, TODAY), /The plan has changed/);
    const note = {
      id: 'fn-new',
      status: 'not_fit' as const,
      advice: [],
      startDate: '2026-11-24',
      endDate: '2026-12-20',
      recordedAt: '2026-11-24T09:00:00Z',
      recordedBy: 'ot',
    };
    assert.match(reportWarnings({ ...base, fitNotes: [note] }, TODAY), /A different fit note is in force/);
    assert.match(reportWarnings(base, '2027-01-02'), /ended on 31 Dec 2026/);
  });

  it('quotes a fit note with its issuer and their profession, and an indefinite note without an end', () => {
    const note = { id: 'n', status: 'may_be_fit' as const, advice: [], startDate: '2026-11-10' };
    assert.equal(
      quotedNoteText({
        ...note,
        endDate: '2026-12-20',
        issuedBy: 'Sam Shah',
        issuerProfession: 'occupational_therapist',
      }),
      'May be fit for work, taking into account the advice in this report: fit note (Med3) 10 Nov 2026 to 20 Dec 2026, issued by Sam Shah (occupational therapist).',
    );
    assert.equal(
      quotedNoteText({ ...note, status: 'not_fit', issuerProfession: 'nurse' }),
      'Not fit for work: fit note (Med3) from 10 Nov 2026, no end date, issued by a nurse.',
    );
  });

  it('HCPC numbers: two letters and digits, the prefix of the profession; kept in upper case without spaces', () => {
    const c = { referral: { referredOn: '2026-11-01' } } as CaseRecord;
    const base = {
      assessedOn: '2026-11-20',
      assessedBy: 'telephone',
      fitness: 'not_stated',
      adviceFrom: TODAY,
      adviceTo: '2026-12-31',
      review: 'no',
      organisation: 'Trust',
      contactDetails: '01924 000000',
    };
    const check = (profession: string, registrationNumber: string) =>
      validateEmployerReport({ ...base, profession, registrationNumber }, c, null, TODAY);
    const ok = check('physiotherapist', 'ph 123456');
    assert.ok(ok.ok && ok.value.practitioner.registrationNumber === 'PH123456');
    for (const [profession, number] of [
      ['occupational_therapist', 'PH12345'],
      ['occupational_therapist', 'OT-12345'],
      ['dietitian', '12345'],
    ]) {
      const r = check(profession, number);
      assert.ok(!r.ok && r.errors.registrationNumber, `${profession} ${number}`);
    }
  });
});
