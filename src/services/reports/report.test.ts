import { strict as assert } from 'node:assert';
import type { CaseRecord, ReturnPlan } from '../../domain/case';
import {
  caseAudit,
  declined,
  discharged,
  download,
  expectKind,
  lead,
  nurse,
  okValue,
  OTHER_SERVICE,
  ot,
  referred,
  seedCase,
  world,
  type World,
} from '../../../test/support/useCases';
import { validReport } from '../../../test/support/people';
import { WORK_REFUSAL } from '../cases/access';
import { employerReport, employerReportFile, saveEmployerReport } from './report';

function withPlan(employerConsent: boolean): Partial<CaseRecord> {
  const plan: ReturnPlan = {
    revision: 'rev-report-1',
    targetReturnDate: '2027-01-11',
    contractedHours: 37.5,
    phases: [{ start: '2026-11-30', hoursPerWeek: 16, daysPerWeek: 3 }],
    employerConsent,
    updatedAt: '2026-11-20T10:00:00.000Z',
    updatedBy: { aadObjectId: ot.aadObjectId, name: ot.name },
  };
  return { plan };
}

describe('employerReport (report <ref>)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.close());

  it('answers the report when the patient agreed to share with the employer, and audits it', async () => {
    const c = await seedCase(w.deps, withPlan(true));
    const result = okValue(await employerReport(w.deps, ot, c.ref));
    assert.deepEqual([result.record.id, result.consented], [c.id, true]);
    assert.deepEqual(
      (await caseAudit(w.deps, c, 'case.report')).map((e) => e.outcome),
      ['ok'],
    );
  });

  it('shows no report without consent, and audits that it was withheld', async () => {
    for (const state of [withPlan(false), {}]) {
      const c = await seedCase(w.deps, state);
      assert.equal(okValue(await employerReport(w.deps, lead, c.ref)).consented, false);
      assert.deepEqual(
        (await caseAudit(w.deps, c, 'case.report')).map((e) => [e.outcome, e.detail?.reason]),
        [['refused', 'no_employer_consent']],
      );
    }
  });

  it('still reports on a discharged case', async () => {
    const c = await seedCase(w.deps, { ...discharged(), ...withPlan(true) });
    assert.equal(okValue(await employerReport(w.deps, ot, c.ref)).consented, true);
  });

  it('has nothing to report on a referral not accepted or declined', async () => {
    for (const state of [referred(), declined()]) {
      const c = await seedCase(w.deps, { ...state, ...withPlan(true) });
      assert.match(expectKind(await employerReport(w.deps, ot, c.ref), 'conflict').message, /not been accepted/);
      assert.deepEqual(
        (await caseAudit(w.deps, c, 'case.report')).map((e) => e.outcome),
        ['conflict'],
      );
    }
  });

  it("refuses a nurse, and answers not found for another service's case", async () => {
    const c = await seedCase(w.deps, { ...referred(nurse), ...withPlan(true) });
    assert.equal(expectKind(await employerReport(w.deps, nurse, c.ref), 'forbidden').message, WORK_REFUSAL);
    const theirs = await seedCase(w.deps, withPlan(true), OTHER_SERVICE);
    expectKind(await employerReport(w.deps, ot, theirs.ref), 'not_found');
    assert.deepEqual(await caseAudit(w.deps, theirs), []);
  });
});

/** The report card as an OT fills it in (`report.submit`): the PDF is made from what was saved. */
function filledReport(caseId: string): Record<string, unknown> {
  return {
    caseId,
    submissionId: `report-${caseId}`,
    ...validReport({ assessedOn: '2026-11-20', fitness: 'not_stated', adviceTo: '2026-12-31' }),
  };
}

describe('employerReportFile (the report as a PDF)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.close());

  it('offers a PDF named by reference only, with the consent', async () => {
    const c = await seedCase(w.deps, withPlan(true));
    okValue(await saveEmployerReport(w.deps, ot, filledReport(c.id)));
    const result = okValue(await employerReportFile(w.deps, ot, { caseId: c.id }));
    assert.ok(result.state === 'ready');
    assert.equal(result.file.filename, `${c.ref}-return-to-work-report-2026-11-25.pdf`);
    const file = await download(w.deps, result.file);
    assert.equal(file.contentType, 'application/pdf');
    assert.equal(file.body.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.deepEqual((await caseAudit(w.deps, c)).map((e) => e.action).sort(), [
      'case.report.pdf',
      'file.create',
      'file.download',
      'report.submit',
    ]);
  });

  it('offers no file without consent', async () => {
    const c = await seedCase(w.deps, withPlan(false));
    const result = okValue(await employerReportFile(w.deps, ot, { caseId: c.id }));
    assert.equal(result.state, 'no_consent');
    assert.equal('file' in result, false);
    assert.deepEqual(await caseAudit(w.deps, c, 'file.create'), []);
  });

  it('offers no file before the OT has saved a report (the PDF says only what was saved)', async () => {
    const c = await seedCase(w.deps, withPlan(true));
    const result = okValue(await employerReportFile(w.deps, ot, { caseId: c.id }));
    assert.equal(result.state, 'not_saved');
    assert.deepEqual(await caseAudit(w.deps, c, 'file.create'), []);
  });

  it('refuses a nurse and offers nothing', async () => {
    const c = await seedCase(w.deps, withPlan(true));
    expectKind(await employerReportFile(w.deps, nurse, { caseId: c.id }), 'forbidden');
    assert.deepEqual(
      (await caseAudit(w.deps, c)).map((e) => [e.action, e.outcome]),
      [['case.report.pdf', 'refused']],
    );
  });
});
