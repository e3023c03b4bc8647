import { employerReportPdf } from '../documents/employerReportPdf';
import type { Presenter } from '../services/core/ports';
import { newReferralCard } from './case';
import { digestCard } from './digest';
import { myDayCard } from './myDay';
import { employerReportContent } from './report';

/** The drawing use cases ask for through `deps.present` (see services/core/ports.ts). */
export const cardPresenter: Presenter = {
  digestPage: digestCard,
  myDayPage: myDayCard,
  newReferral: (record, today, recipients) => newReferralCard(record, today, recipients),
  employerReportPdf: (record, createdAt) => {
    // The use case asks only for a saved report (services/reports/report.ts).
    const content = employerReportContent(record);
    if (!content) throw new Error(`No employer report is saved on ${record.ref}`);
    return employerReportPdf(content, createdAt);
  },
};
