import { downloadCard } from '../../cards/download';
import { noConsentCard, reportCard } from '../../cards/report';
import { today } from '../../services/core/context';
import { employerReport, employerReportFile } from '../../services/reports/report';
import type { CommandHandler } from '../handler';
import { cardFor } from '../outcomeCards';

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
