import { dischargeFormCard, fitNoteFormCard, planFormCard, reportCard } from '../../cards/casework';
import { noticeCard } from '../../cards/notice';
import { openForWork } from '../../services/caseView';
import { newId, today } from '../../services/context';
import { employerReport } from '../../services/employerReport';
import type { CommandHandler } from '../handler';
import { cardFor } from '../outcomeCards';
import { sessionFormCard } from '../../cards/casework';

/** The work forms of a case. Each carries a fresh submissionId, which makes its submit idempotent. */
export const log: CommandHandler = {
  name: 'log',
  usage: 'log <ref>',
  summary: 'Log a session',
  permission: 'case.work',
  async handle({ deps, actor, args }) {
    return [cardFor(await openForWork(deps, actor, { ref: args }, 'session'), (c) => sessionFormCard(c, newId(deps), { date: today(deps) }))];
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
    return [cardFor(await openForWork(deps, actor, { ref: args }, 'discharge'), (c) => dischargeFormCard(c, newId(deps), { date: today(deps) }))];
  },
};

export const report: CommandHandler = {
  name: 'report',
  usage: 'report <ref>',
  summary: 'The return-to-work report for the employer',
  permission: 'case.work',
  async handle({ deps, actor, args }) {
    return [
      cardFor(await employerReport(deps, actor, args), ({ record, consented }) =>
        consented
          ? reportCard(record, today(deps))
          : noticeCard(
              `No report for ${record.ref}: consent is missing`,
              record.plan
                ? `The patient has not agreed to share the plan with their employer. When they do, tick the consent on the plan ("plan ${record.ref}") and ask for the report again.`
                : `There is no return-to-work plan yet, and no consent to share one with the employer. Start with "plan ${record.ref}".`,
              'warning',
            ),
      ),
    ];
  },
};
