import { reportCard, reportFormCard } from '../../cards/report';
import { today } from '../../services/core/context';
import { saveEmployerReport } from '../../services/reports/report';
import type { VerbHandler } from '../handler';
import { cardFor } from '../outcomeCards';
import { formAgain } from './formSubject';
import { readCaseAhead } from '../../services/cases/access';

/**
 * `report.submit` (not in CONTRACT §3, which has no verb for the report: the report became a form
 * the practitioner fills in): saves the employer report; bad input answers the form again with
 * every value kept and each problem by its field.
 */
export const reportSubmit: VerbHandler = {
  verb: 'report.submit',
  readAhead: readCaseAhead,
  async handle({ deps, actor, data }) {
    const outcome = await saveEmployerReport(deps, actor, data);
    const date = today(deps);
    if (outcome.kind === 'invalid')
      return formAgain(deps, actor, data, outcome.subject, (c, id) =>
        reportFormCard(c, id, { today: date, data, errors: outcome.errors, readerId: actor.aadObjectId }),
      );
    return cardFor(outcome, ({ record, duplicate }) =>
      reportCard(record, date, {
        banner: duplicate
          ? 'This report had already been saved; nothing was changed.'
          : `Report saved on ${record.ref}. This is what the employer will read: download the PDF to send it.`,
      }),
    );
  },
};
