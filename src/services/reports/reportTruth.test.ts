import { strict as assert } from 'node:assert';
import type { CaseRecord } from '../../domain/case';
import { depsFor, embeddedDeps } from '../../../test/support/deps';
import { activeCaseRecord } from '../../../test/support/seedCases';
import { saveStaff } from '../staff/staff';
import type { Actor, ServiceDeps } from '../core/context';
import { employerReport, employerReportFile, saveEmployerReport } from './report';

const SERVICE = 'mid-yorkshire';
const OT: Actor = {
  aadObjectId: 'aaaaaaaa-0000-4000-8000-0000000000a1',
  name: 'Ola Therapist',
  role: 'ot',
  serviceId: SERVICE,
};
const LEAD: Actor = {
  aadObjectId: 'aaaaaaaa-0000-4000-8000-0000000000a2',
  name: 'Lee Lead',
  role: 'lead',
  serviceId: SERVICE,
};

/** "Today" is 25 Nov 2026 (test/support/deps.ts). A plan with phases, duties and adjustments, shared with consent. */
function consentedCase(id: string, ref: string, extra: Partial<CaseRecord> = {}): CaseRecord {
  return activeCaseRecord(SERVICE, id, ref, {
    assignedOt: { aadObjectId: OT.aadObjectId, name: OT.name },
    sessions: [
      {
        id: `${id}-s1`,
        date: '2026-11-10',
        mode: 'video',
        durationMinutes: 45,
        topics: ['finance', 'sleep', 'confidence'],
        notes: 'Worried about money; sleeping badly.',
        recordedAt: '2026-11-10T12:00:00Z',
        recordedBy: { aadObjectId: OT.aadObjectId, name: OT.name },
      },
    ],
    plan: {
      revision: `rev-${id}`,
      targetReturnDate: '2027-01-04',
      contractedHours: 37.5,
      phases: [{ start: '2026-12-04', hoursPerWeek: 16, daysPerWeek: 4, duties: 'Light duties' }],
      adjustments: 'Rest breaks',
      employerContact: 'HR',
      employerConsent: true,
      updatedAt: '2026-11-20T09:00:00Z',
      updatedBy: { aadObjectId: OT.aadObjectId, name: OT.name },
    },
    ...extra,
  });
}

const NOT_FIT: CaseRecord['fitNotes'][number] = {
  id: 'fn-not-fit',
  status: 'not_fit',
  advice: [],
  startDate: '2026-11-02',
  endDate: '2026-12-13',
  issuedBy: 'Dr GP',
  recordedAt: '2026-11-02T12:00:00Z',
  recordedBy: OT.aadObjectId,
};

/** A filled-in report card; `over` changes what the test is about. */
function filled(caseId: string, submissionId: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    caseId,
    submissionId,
    assessedOn: '2026-11-10',
    assessedBy: 'video',
    fitness: 'not_stated',
    adviceFrom: '2026-11-25',
    adviceTo: '2026-12-31',
    review: 'yes',
    reviewOn: '2026-12-09',
    profession: 'occupational_therapist',
    registrationNumber: 'OT 61234',
    organisation: 'Mid Yorkshire NHS Trust',
    contactDetails: 'Cardiac rehab, 01924 000000',
    ...over,
  };
}

describe('the employer report states only what is so (use case, embedded store)', () => {
  let deps: ServiceDeps;

  before(async () => {
    deps = await embeddedDeps();
    for (const a of [OT, LEAD])
      await deps.store.staff.save({
        aadObjectId: a.aadObjectId,
        serviceId: SERVICE,
        name: a.name,
        role: a.role,
        addedBy: 'test',
        updatedAt: '2026-11-01T09:00:00Z',
      });
  });
  after(() => deps.store.dispose());

  it('with no fit note, fitness cannot be quoted from one; "no statement" is saved as no statement', async () => {
    await deps.store.cases.create(consentedCase('rt-none-case', 'RTW-0701'));
    const quoted = await saveEmployerReport(deps, OT, filled('rt-none-case', 'rt-none-sub1', { fitness: 'fit_note' }));
    assert.equal(quoted.kind, 'invalid');
    assert.match(quoted.kind === 'invalid' ? quoted.errors.fitness : '', /No fit note is in force today/);
    assert.equal((await deps.store.cases.get(SERVICE, 'rt-none-case'))?.employerReport, undefined, 'nothing written');

    const saved = await saveEmployerReport(deps, OT, filled('rt-none-case', 'rt-none-sub2'));
    assert.equal(saved.kind, 'ok');
    const report = (await deps.store.cases.get(SERVICE, 'rt-none-case'))!.employerReport!;
    assert.equal(report.fitness, 'not_stated');
    assert.equal(report.fitNote, undefined);
  });

  it('under a "not fit" note: no own assessment may contradict it; recommendations are only those ticked, never read from the plan', async () => {
    await deps.store.cases.create(consentedCase('rt-notfit-case', 'RTW-0702', { fitNotes: [NOT_FIT] }));
    const contradict = await saveEmployerReport(
      deps,
      OT,
      filled('rt-notfit-case', 'rt-notfit-sub1', { fitness: 'may_be_fit' }),
    );
    assert.equal(contradict.kind, 'invalid');
    assert.match(contradict.kind === 'invalid' ? contradict.errors.fitness : '', /says not fit for work/);

    // The plan has phases, reduced hours, duties and adjustments; the OT ticks nothing.
    const saved = await saveEmployerReport(
      deps,
      OT,
      filled('rt-notfit-case', 'rt-notfit-sub2', { fitness: 'fit_note' }),
    );
    assert.equal(saved.kind, 'ok');
    const report = (await deps.store.cases.get(SERVICE, 'rt-notfit-case'))!.employerReport!;
    assert.deepEqual(report.recommendations, []);
    assert.deepEqual(report.fitNote, {
      id: 'fn-not-fit',
      status: 'not_fit',
      advice: [],
      startDate: '2026-11-02',
      endDate: '2026-12-13',
      issuedBy: 'Dr GP',
    });
    // Nothing of the sessions (notes, topics) is kept in what goes to the employer.
    assert.doesNotMatch(JSON.stringify(report), /finance|sleep|confidence|Worried|money/i);
    assert.equal(report.plan?.revision, 'rev-rt-notfit-case', 'the plan as it stood is quoted');
  });

  it('bad input: each problem by its field, nothing written, the attempt audited with field names only', async () => {
    await deps.store.cases.create(consentedCase('rt-bad-case', 'RTW-0703'));
    const outcome = await saveEmployerReport(
      deps,
      OT,
      filled('rt-bad-case', 'rt-bad-sub1', {
        assessedOn: '2026-12-01',
        registrationNumber: 'PH61234',
        difficulty2: 'Climbing ladders',
        goal3: 'Build up over four weeks',
        adviceFrom: '2026-12-10',
        adviceTo: '2026-12-01',
        review: 'no',
        reviewOn: '2026-12-09',
        organisation: '',
      }),
    );
    assert.equal(outcome.kind, 'invalid');
    const errors = outcome.kind === 'invalid' ? outcome.errors : {};
    assert.deepEqual(Object.keys(errors).sort(), [
      'adviceTo',
      'assessedOn',
      'difficulty3',
      'goal2',
      'organisation',
      'registrationNumber',
      'reviewOn',
    ]);
    assert.equal((await deps.store.cases.get(SERVICE, 'rt-bad-case'))?.employerReport, undefined);
    const audits = await deps.store.audit.listForCase(SERVICE, 'rt-bad-case', 10);
    const invalid = audits.find((a) => a.action === 'report.submit' && a.outcome === 'invalid');
    assert.ok(invalid);
    assert.doesNotMatch(JSON.stringify(invalid), /Climbing|ladders|four weeks/);
  });

  it('keeps the practitioner’s profession, HCPC number, organisation and contact once, fills them in, and keeps them through a role change', async () => {
    await deps.store.cases.create(consentedCase('rt-keep-case', 'RTW-0704'));
    const saved = await saveEmployerReport(deps, OT, filled('rt-keep-case', 'rt-keep-sub1'));
    assert.equal(saved.kind, 'ok');
    const expected = {
      profession: 'occupational_therapist',
      registrationNumber: 'OT61234',
      organisation: 'Mid Yorkshire NHS Trust',
      contactDetails: 'Cardiac rehab, 01924 000000',
    };
    assert.deepEqual((await deps.store.staff.findByAadObjectId(OT.aadObjectId))?.practitioner, expected);
    const read = await employerReport(deps, OT, 'RTW-0704');
    assert.equal(read.kind, 'ok');
    assert.deepEqual(read.kind === 'ok' ? read.value.practitioner : null, expected);
    // A lead renaming the OT does not lose them.
    const renamed = await saveStaff(deps, LEAD, {
      aadObjectId: OT.aadObjectId,
      name: 'Ola Therapist-Smith',
      role: 'ot',
    });
    assert.equal(renamed.kind, 'ok');
    assert.deepEqual((await deps.store.staff.findByAadObjectId(OT.aadObjectId))?.practitioner, expected);
    const audits = await deps.store.audit.listForCase(SERVICE, 'rt-keep-case', 10);
    assert.ok(audits.some((a) => a.action === 'report.submit' && a.outcome === 'ok'));
    // Submitting the same card twice (a Teams retry) writes nothing more.
    const again = await saveEmployerReport(deps, OT, filled('rt-keep-case', 'rt-keep-sub1'));
    assert.equal(again.kind === 'ok' && again.value.duplicate, true);
  });

  it('no report without the patient’s consent, and no PDF before a report is saved', async () => {
    await deps.store.cases.create(
      consentedCase('rt-noconsent-case', 'RTW-0705', {
        plan: { ...consentedCase('x', 'x').plan!, employerConsent: false },
      }),
    );
    const refused = await saveEmployerReport(deps, OT, filled('rt-noconsent-case', 'rt-noconsent-sub1'));
    assert.equal(refused.kind, 'conflict');
    assert.equal((await deps.store.cases.get(SERVICE, 'rt-noconsent-case'))?.employerReport, undefined);

    await deps.store.cases.create(consentedCase('rt-unsaved-case', 'RTW-0706'));
    const file = await employerReportFile(deps, OT, { ref: 'RTW-0706' });
    assert.equal(file.kind === 'ok' && file.value.state, 'not_saved');
    const audits = await deps.store.audit.listForCase(SERVICE, 'rt-unsaved-case', 10);
    assert.ok(audits.some((a) => a.action === 'case.report.pdf' && a.outcome === 'conflict'));
  });

  it('a plan whose phase starts after the target date is not given to an employer', async () => {
    const backwards = consentedCase('rt-backwards', 'RTW-0707');
    backwards.plan = { ...backwards.plan!, targetReturnDate: '2026-12-01' }; // phase 1 starts 4 Dec
    await deps.store.cases.create(backwards);
    const refused = await saveEmployerReport(deps, OT, filled('rt-backwards', 'rt-backwards-sub1'));
    assert.equal(refused.kind, 'conflict');
    assert.match(refused.kind === 'conflict' ? refused.message : '', /starts after the target date/);
    assert.equal((await deps.store.cases.get(SERVICE, 'rt-backwards'))?.employerReport, undefined);
  });

  it('a nurse cannot save a report', async () => {
    const nurse: Actor = { ...OT, aadObjectId: 'aaaaaaaa-0000-4000-8000-0000000000a3', role: 'nurse' };
    const local = depsFor(deps.store);
    const outcome = await saveEmployerReport(local, nurse, filled('rt-none-case', 'rt-nurse-sub1'));
    assert.equal(outcome.kind, 'forbidden');
  });
});
