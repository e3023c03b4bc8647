import { downloadCard } from '../../cards/download';
import { noConsentCard, noReportCard, reportCard, reportFormCard } from '../../cards/report';
import { newId, today } from '../../services/core/context';
import { employerReport, employerReportFile } from '../../services/reports/report';
import type { CommandHandler } from '../handler';
import { cardFor } from '../outcomeCards';

export const report: CommandHandler = {
  name: 'report',
  usage: 'report <ref> [edit|pdf]',
  summary: 'The return-to-work report for the employer (“edit”: change it; “pdf”: as a PDF to download)',
  permission: 'case.work',
  async handle({ deps, actor, args }) {
    const pdf = /\s+pdf$/i.exec(args);
    if (pdf) {
      const ref = args.slice(0, pdf.index);
      return [
        cardFor(await employerReportFile(deps, actor, { ref }), (r) =>
          r.state === 'ready'
            ? downloadCard({
                title: `Return-to-work report ${r.record.ref} (PDF)`,
                text: 'The report as saved, as a PDF for the employer.',
                button: 'Download PDF',
                file: r.file,
                timezone: deps.timezone,
              })
            : r.state === 'not_saved'
              ? noReportCard(r.record)
              : noConsentCard(r.record),
        ),
      ];
    }
    const edit = /\s+edit$/i.exec(args);
    const ref = edit ? args.slice(0, edit.index) : args;
    const date = today(deps);
    // The saved report as the employer will read it; the form to write it when there is none (or "edit").
    return [
      cardFor(await employerReport(deps, actor, ref), ({ record, consented, practitioner }) =>
        !consented
          ? noConsentCard(record)
          : record.employerReport && !edit
            ? reportCard(record, date)
            : reportFormCard(record, newId(deps), {
                today: date,
                readerId: actor.aadObjectId,
                ...(practitioner ? { practitioner } : {}),
              }),
      ),
    ];
  },
};
