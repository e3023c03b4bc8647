import { employerReportPdf } from '../documents/employerReportPdf';
import type { Presenter } from '../services/core/ports';
import { newReferralCard } from './case';
import { digestCard } from './digest';
import { employerReportContent } from './report';

/** The drawing use cases ask for through `deps.present` (see services/core/ports.ts). */
export const cardPresenter: Presenter = {
  digestPage: digestCard,
  newReferral: newReferralCard,
  employerReportPdf: (record, today, createdAt) => employerReportPdf(employerReportContent(record, today), createdAt),
};
