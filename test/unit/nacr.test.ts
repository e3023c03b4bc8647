import { strict as assert } from 'node:assert';
import type { CaseRecord, Session } from '../../src/domain/case';
import { firstContactOf, firstContactStats, qs99Stats, serviceStats } from '../../src/domain/nacr';
import { activeCaseRecord } from '../support/seedCases';

const TODAY = '2026-11-25';
let n = 0;
const session = (date: string, mode: Session['mode']): Session => ({
  id: `s${++n}`,
  date,
  mode,
  durationMinutes: 30,
  topics: [],
  notes: '',
  recordedAt: `${date}T10:00:00Z`,
  recordedBy: { aadObjectId: 'ot', name: 'OT' },
});
function referral(
  referredOn: string,
  sessions: [string, Session['mode']][],
  referral: Partial<CaseRecord['referral']> = {},
  rest: Partial<CaseRecord> = {},
): CaseRecord {
  const c = activeCaseRecord('svc', `c${++n}`, `RTW-${1000 + n}`, rest);
  c.referral = { ...c.referral, referredOn, dischargeDate: referredOn, ...referral };
  c.sessions = sessions.map(([d, m]) => session(d, m));
  return c;
}

describe('NACR-style figures (worked by hand)', () => {
  it('first contact is the first assessment contact: not an employer meeting, a missed appointment or a booking', () => {
    const c = referral('2026-11-02', [
      ['2026-11-03', 'employer_meeting'],
      ['2026-11-04', 'did_not_attend'],
      ['2026-11-30', 'video'],
      ['2026-11-20', 'clinic'],
    ]);
    assert.equal(firstContactOf(c, TODAY), '2026-11-20');
    assert.equal(firstContactOf(c, '2026-11-19'), undefined, 'nothing before the clinic had happened yet');
  });

  it('the issue’s sample: counted the old way (from referral, employer meetings as contact, never-contacted left out) 3 of 3; by QS99 statement 4, 1 of 4', () => {
    // Four MI referrals in October, all more than 10 days ago.
    const cases = [
      // Discharged 1 Oct, seen 5 Oct: in time.
      referral('2026-10-02', [['2026-10-05', 'telephone']], { dischargeDate: '2026-10-01' }),
      // Discharged 1 Oct, referred 20 Oct, seen 22 Oct: 2 days after referral but 21 after discharge.
      referral('2026-10-20', [['2026-10-22', 'telephone']], { dischargeDate: '2026-10-01' }),
      // Only an employer meeting, 3 days after discharge: not the start of the programme.
      referral('2026-10-03', [['2026-10-06', 'employer_meeting']], { dischargeDate: '2026-10-03' }),
      // Never contacted.
      referral('2026-10-04', [], { dischargeDate: '2026-10-04' }),
    ];
    const q = qs99Stats(cases, TODAY);
    assert.deepEqual(q, { miReferrals: 4, measured: 4, within10Days: 1, noDischargeDate: 0, pending: 0 });
    // The local measure (from referral): cases 1 and 2 in time, 3 and 4 not contacted: 2 of 4.
    const local = firstContactStats(cases, TODAY);
    assert.equal(local.measured, 4);
    assert.equal(local.within10Days, 2);
    assert.equal(local.notContacted, 2);
    assert.equal(local.medianDays, 2.5);
  });

  it('QS99 counts MI only (a PCI or CABG when it treated an MI), leaves out what cannot be measured yet', () => {
    const cases = [
      referral('2026-11-01', [['2026-11-05', 'home_visit']], { eventType: 'PCI' }),
      referral('2026-11-01', [['2026-11-05', 'home_visit']], { eventType: 'PCI', acuteMI: true }),
      referral('2026-11-01', [['2026-11-20', 'home_visit']], { eventType: 'CABG', acuteMI: true }),
      referral('2026-11-01', [['2026-11-05', 'home_visit']], { eventType: 'valve' }),
      referral('2026-11-01', [['2026-11-05', 'home_visit']], { dischargeDate: undefined }),
      // Discharged 10 days ago, not yet seen: could still start in time today.
      referral('2026-11-15', [], { dischargeDate: '2026-11-15' }),
      // Discharged 11 days ago, not seen: a miss.
      referral('2026-11-14', [], { dischargeDate: '2026-11-14' }),
    ];
    assert.deepEqual(qs99Stats(cases, TODAY), {
      miReferrals: 5,
      measured: 3,
      within10Days: 1,
      noDischargeDate: 1,
      pending: 1,
    });
  });

  it('the return-to-work rate is over those employed or self-employed at referral', () => {
    const discharged = (status: CaseRecord['referral']['employmentStatus'], outcome: string) =>
      referral('2026-09-01', [['2026-09-03', 'telephone']], { employmentStatus: status }, {
        status: 'discharged',
        discharge: { outcome, date: '2026-11-10', by: { aadObjectId: 'ot', name: 'OT' }, recordedAt: 'x' },
      } as Partial<CaseRecord>);
    const s = serviceStats(
      [
        discharged('employed', 'returned_full'),
        discharged('self_employed', 'returned_phased'),
        discharged('employed', 'not_returned_health'),
        discharged('unemployed_seeking', 'returned_other_role'),
        discharged('other', 'not_returned_choice'),
      ],
      'month',
      TODAY,
    );
    assert.equal(s.returnToWork.employedAtReferral, 3);
    assert.equal(s.returnToWork.returned, 2);
    assert.equal(s.returnToWork.rate, 2 / 3);
    assert.equal(s.returnToWork.notEmployedAtReferral, 2);
    assert.equal(s.discharges.total, 5);
  });
});
