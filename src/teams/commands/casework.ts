import { dischargeFormCard, fitNoteFormCard, planFormCard, reportCard } from '../../cards/casework';
import { noticeCard } from '../../cards/notice';
import { openForWork } from '../../services/caseView';
import { newId, today } from '../../services/context';
import { employerReport } from '../../services/employerReport';
import type { CommandHandler } from '../handler';
import { cardFor } from '../outcomeCards';
import { sessionFormCard } from '../../cards/casework';
import { downloadCard } from '../../cards/download';
import type { AdaptiveCard } from '../../cards/render';
import type { CaseRecord } from '../../domain/case';
import { employerReportFile } from '../../services/employerReportFile';

/** The work forms of a case. Each carries a fresh submissionId, which makes its submit idempotent. */
export const log: CommandHandler = {
  name: 'log',
  usage: 'log <ref>',
  summary: 'Log a session',
  permission: 'case.work',
  async handle({ deps, actor, args }) {
    return [
      cardFor(await openForWork(deps, actor, { ref: args }, 'session'), (c) =>
        sessionFormCard(c, newId(deps), { date: today(deps) }),
      ),
    ];
  },
};

export const fitnote: CommandHandler = {
  name: 'fitnote',
  usage: 'fitnote <ref>',
  summary: 'Record a new fit note',
  permission: 'case.work',
  async handle({ deps, actor, args }) {
    return [cardFor(await openForWork(deps, actor, { ref: args }, 'fitnote'), (c) => fitNoteFormCard(c, newId(deps)))];
  },
};

export const plan: CommandHandler = {
  name: 'plan',
  usage: 'plan <ref>',
  summary: 'See or edit the phased return-to-work plan',
  permission: 'case.work',
  async handle({ deps, actor, args }) {
    return [cardFor(await openForWork(deps, actor, { ref: args }, 'plan'), (c) => planFormCard(c, newId(deps)))];
  },
};

export const discharge: CommandHandler = {
  name: 'discharge',
  usage: 'discharge <ref>',
  summary: 'Discharge a case with its outcome',
  permission: 'case.work',
  async handle({ deps, actor, args }) {
    return [
      cardFor(await openForWork(deps, actor, { ref: args }, 'discharge'), (c) =>
        dischargeFormCard(c, newId(deps), { date: today(deps) }),
      ),
    ];
  },
};

/** Why there is no employer report (card or PDF): the patient's consent to share is missing. */
export function noConsentCard(record: Pick<CaseRecord, 'ref' | 'plan'>): AdaptiveCard {
  return noticeCard(
    `No report for ${record.ref}: consent is missing`,
    record.plan
      ? `The patient has not agreed to share the plan with their employer. When they do, tick the consent on the plan ("plan ${record.ref}") and ask for the report again.`
      : `There is no return-to-work plan yet, and no consent to share one with the employer. Start with "plan ${record.ref}".`,
    'warning',
  );
}

export const report: CommandHandler = {
  name: 'report',
  usage: 'report <ref> [pdf]',
  summary: 'The return-to-work report for the employer (“pdf”: as a PDF to download)',
  permission: 'case.work',
  async handle({ deps, actor, args }) {
    const pdf = /\s+pdf$/i.exec(args);
    if (pdf) {
      const ref = args.slice(0, pdf.index);
      return [
        cardFor(await employerReportFile(deps, actor, { ref }), (r) =>
          r.consented
            ? downloadCard({
                title: `Return-to-work report ${r.record.ref} (PDF)`,
                text: 'The same report as the card, as a PDF for the employer.',
                button: 'Download PDF',
                file: r.file,
                timezone: deps.timezone,
              })
            : noConsentCard(r.record),
        ),
      ];
    }
    return [
      cardFor(await employerReport(deps, actor, args), ({ record, consented }) =>
        consented ? reportCard(record, today(deps)) : noConsentCard(record),
      ),
    ];
  },
};
