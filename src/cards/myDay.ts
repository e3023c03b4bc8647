import { formatDate } from '../domain/dates';
import type { DigestCaseRow } from '../domain/digest';
import { isMyDayEmpty, type MyDaySelection } from '../domain/myDay';
import type { MyDayPage, MyDayPageRequest } from '../services/core/ports';
import { DIGEST_PAGE_BYTES, endsText, followUpDetail, pagedCard, sectionsOf } from './digest';
import { renderCard } from './render';

/**
 * The OT's "my day" card (CONTRACT §5): their own cases needing something today. Paged like the
 * lead's digest (the same cutter, under the same byte budget), "Show more" is verb `myday.page`.
 */
type SectionKey = 'contacts' | 'followUps' | 'expiring' | 'waiting';

interface Line {
  section: SectionKey;
  row: DigestCaseRow;
  detail: string;
}

const HEADINGS: Record<SectionKey, (s: MyDaySelection) => string> = {
  contacts: (s) => `Contacts due or overdue (${s.contacts.length})`,
  followUps: (s) => `Follow-ups after discharge due (${s.followUps.length})`,
  expiring: (s) => `Fit notes ending within ${s.windowDays} days (${s.expiring.length})`,
  waiting: (s) => `Referrals waiting for an OT (${s.waiting.length})`,
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function lines(s: MyDaySelection): Line[] {
  return [
    ...s.contacts.map((r) => ({
      section: 'contacts' as const,
      row: r,
      detail: [
        r.daysOverdue === 0
          ? `Next contact today (${formatDate(r.nextContactDate)})`
          : `Next contact was ${formatDate(r.nextContactDate)}: ${plural(r.daysOverdue, 'day')} overdue`,
        r.planStatus,
      ].join(' · '),
    })),
    ...s.followUps.map((r) => ({
      section: 'followUps' as const,
      row: r,
      detail: followUpDetail(r).join(' · '),
    })),
    ...s.expiring.map((r) => ({
      section: 'expiring' as const,
      row: r,
      detail: [endsText(r), r.planStatus].join(' · '),
    })),
    ...s.waiting.map((r) => ({
      section: 'waiting' as const,
      row: r,
      detail: [`Referred ${formatDate(r.referredOn)}`, `waiting ${plural(r.workingDaysWaiting, 'working day')}`].join(
        ' · ',
      ),
    })),
  ];
}

export function myDayCard(input: MyDayPageRequest): MyDayPage {
  const s = input.selection;
  const drawn = pagedCard(
    lines(s),
    (pageLines, page, pages, continued) => {
      const sections = sectionsOf(pageLines);
      return renderCard('myday', {
        title: `${input.preview ? 'My day (now)' : 'My day'}: ${formatDate(s.today)}`,
        subtitle: `${input.name}${pages > 1 ? ` · page ${page} of ${pages}` : ''}${input.preview ? ' · not marked as sent' : ''}`,
        empty: isMyDayEmpty(s)
          ? 'Nothing on your list today: no contact due, no follow-up due, no fit note ending, no referral waiting.'
          : '',
        sections: sections.map((sec, i) => ({
          heading: `${HEADINGS[sec.heading](s)}${i === 0 && continued ? ' (continued)' : ''}`,
          rows: sec.rows,
        })),
        pageNote:
          pages > 1
            ? `Page ${page} of ${pages}.${page < pages ? ' Use "Show more" for the rest.' : ''}`
            : page === 1 && !input.preview
              ? 'Send "today off" to stop this morning list, "today on" to have it again.'
              : '',
        hasMore: page < pages,
        page,
        nextPage: page + 1,
        date: s.today,
      });
    },
    input.page,
    input.maxBytes ?? DIGEST_PAGE_BYTES,
  );
  return { card: drawn.card, page: drawn.page, pages: drawn.pages, rows: drawn.lines.map((l) => l.row) };
}
