import { STATUS_LABELS } from '../domain/case';
import { contactText } from './case';
import { currentNoteOf, isIndefinite } from '../domain/fitNote';
import { formatDate, type IsoDate } from '../domain/dates';
import { planStatus } from '../domain/plan';
import type { CaseloadPage } from '../services/cases/caseload';
import { renderCard, type AdaptiveCard } from './render';

/** One caseload page. Rows are short so a full page stays far below Teams' card size limit. */
export function caseloadCard(page: CaseloadPage, today: IsoDate): AdaptiveCard {
  const base = page.all ? 'caseload all' : 'caseload';
  const pager: { title: string; command: string }[] = [];
  if (page.page > 1) pager.push({ title: `Previous page (${page.page - 1})`, command: `${base} ${page.page - 1}` });
  if (page.page < page.pages)
    pager.push({ title: `Next page (${page.page + 1} of ${page.pages})`, command: `${base} ${page.page + 1}` });
  const heading = page.all ? 'Open cases in the service' : 'Your caseload';
  return renderCard('caseload', {
    heading,
    subheading:
      page.total === 0
        ? page.all
          ? 'No open cases.'
          : 'You have no open cases. New referrals come to you as cards to accept.'
        : `${page.total} open case${page.total === 1 ? '' : 's'}${page.pages > 1 ? ` · page ${page.page} of ${page.pages}` : ''}`,
    rows: page.cases.map((c) => {
      const note = currentNoteOf(c, today);
      return {
        ref: c.ref,
        title: `${c.ref} · ${c.patient.name}`,
        detail: [
          STATUS_LABELS[c.status],
          page.all ? (c.assignedOt ? `OT: ${c.assignedOt.name}` : 'no OT yet') : '',
          contactText(c, today),
          note
            ? isIndefinite(note)
              ? 'fit note indefinite'
              : `fit note ends ${formatDate(note.endDate)}`
            : 'no current fit note',
          planStatus(c.plan, today),
        ]
          .filter(Boolean)
          .join(' · '),
      };
    }),
    pager,
  });
}
