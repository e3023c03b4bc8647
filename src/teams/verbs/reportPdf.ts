import { untilTime } from '../../cards/download';
import { noConsentCard, noReportCard, reportCard } from '../../cards/report';
import { today } from '../../services/core/context';
import { employerReportFile } from '../../services/reports/report';
import type { VerbHandler } from '../handler';
import { cardFor } from '../outcomeCards';
import { readCaseAhead } from '../../services/cases/access';

/**
 * `report.pdf` (the report card's "Download as PDF"): answers the same report card with a one-time
 * link to its PDF, so the report stays on screen and the link is made only when wanted.
 */
export const reportPdf: VerbHandler = {
  verb: 'report.pdf',
  readAhead: readCaseAhead,
  async handle({ deps, actor, data }) {
    return cardFor(await employerReportFile(deps, actor, { caseId: data.caseId }), (r) =>
      r.state === 'ready'
        ? reportCard(r.record, today(deps), {
            download: { url: r.file.url, until: untilTime(r.file.expiresAt, deps.timezone) },
          })
        : r.state === 'not_saved'
          ? noReportCard(r.record)
          : noConsentCard(r.record),
    );
  },
};
