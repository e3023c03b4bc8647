import { caseloadCard } from '../../cards/caseload';
import { caseload as listCaseload, parseCaseloadArgs } from '../../services/cases/caseload';
import { today } from '../../services/core/context';
import type { CommandHandler } from '../handler';
import { cardFor } from '../outcomeCards';

/** `caseload` (mine), `caseload all` (leads), with a page number: `caseload all 2`. */
export const caseload: CommandHandler = {
  name: 'caseload',
  usage: 'caseload',
  summary: 'Your open cases ("caseload all" for the whole service, leads)',
  permission: 'case.work',
  async handle({ deps, actor, args }) {
    return [
      cardFor(await listCaseload(deps, actor, parseCaseloadArgs(args)), (page) => caseloadCard(page, today(deps))),
    ];
  },
};
