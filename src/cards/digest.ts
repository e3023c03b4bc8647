import { formatDate } from '../domain/dates';
import type { DigestCaseRow, DigestSelection, FollowUpRow } from '../domain/digest';
import { FOLLOW_UP_DUES } from '../domain/vocabulary';
import type { DigestPage, DigestPageRequest } from '../services/core/ports';
import { renderCard, type AdaptiveCard } from './render';

/**
 * The daily digest card. Teams refuses cards over about 28 KB (HTTP 413), so a long digest is cut
 * into pages well under that, each ending in a "Show more" Action.Execute (verb `digest.page`).
 */
export const DIGEST_PAGE_BYTES = 24_000;

type SectionKey = 'expiring' | 'expired' | 'toCheck' | 'unaccepted' | 'noContact' | 'followUps';

interface Line {
  section: SectionKey;
  row: DigestCaseRow;
  detail: string;
}

const HEADINGS: Record<SectionKey, (s: DigestSelection) => string> = {
  expiring: (s) => `Fit notes ending within ${s.windowDays} days (${s.expiring.length})`,
  expired: (s) => `Fit notes already ended, no newer note (${s.expired.length})`,
  toCheck: (s) => `Fit notes to check: dates the Med3 rules refuse (${s.toCheck.length})`,
  unaccepted: (s) => `Referrals not accepted after 2 working days (${s.unaccepted.length})`,
  noContact: (s) => `No contact for 14 days or more (${s.noContact.length})`,
  followUps: (s) => `Follow-ups after discharge due or overdue (${s.followUps.length})`,
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const ot = (r: DigestCaseRow) => (r.ot ? `OT: ${r.ot}` : 'no OT yet');

/** When an expiring fit note ends, on the lead's digest and the OT's list alike. */
export function endsText(r: { endDate: string; daysLeft: number }): string {
  return r.daysLeft === 0
    ? `Ends today (${formatDate(r.endDate)})`
    : `Ends ${formatDate(r.endDate)}: ${plural(r.daysLeft, 'day')} left`;
}

/** What a follow-up row says, on the lead's digest and the OT's list alike. */
export function followUpDetail(r: Pick<FollowUpRow, 'due' | 'date' | 'overdue' | 'daysLeft' | 'attempts'>): string[] {
  return [
    `${FOLLOW_UP_DUES.labels[r.due]}, ${formatDate(r.date)}`,
    r.overdue
      ? `overdue by ${plural(-r.daysLeft, 'day')}`
      : r.daysLeft === 0
        ? 'due today'
        : `due, ${plural(r.daysLeft, 'day')} to go`,
    ...(r.attempts ? [`not reached ${r.attempts === 1 ? 'once' : `${r.attempts} times`}`] : []),
  ];
}

/** A page's lines grouped under their sections, in order (a section may carry on from the page before). */
export function sectionsOf<K extends string>(
  pageLines: readonly { section: K; row: DigestCaseRow; detail: string }[],
): { heading: K; rows: { ref: string; name: string; detail: string }[] }[] {
  const sections: { heading: K; rows: { ref: string; name: string; detail: string }[] }[] = [];
  for (const l of pageLines) {
    let last = sections[sections.length - 1];
    if (!last || last.heading !== l.section) {
      last = { heading: l.section, rows: [] };
      sections.push(last);
    }
    last.rows.push({ ref: l.row.ref, name: l.row.patientName, detail: l.detail });
  }
  return sections;
}

function lines(s: DigestSelection): Line[] {
  return [
    ...s.expiring.map((r) => ({
      section: 'expiring' as const,
      row: r,
      detail: [endsText(r), ot(r), r.planStatus].join(' · '),
    })),
    ...s.expired.map((r) => ({
      section: 'expired' as const,
      row: r,
      detail: [`Ended ${formatDate(r.endDate)} (${plural(r.daysAgo, 'day')} ago)`, ot(r), r.planStatus].join(' · '),
    })),
    ...s.toCheck.map((r) => ({
      section: 'toCheck' as const,
      row: r,
      detail: [
        `Recorded ${formatDate(r.startDate)} to ${r.indefinite ? 'indefinite' : r.endDate ? formatDate(r.endDate) : 'no end date'}`,
        ...r.problems,
        ot(r),
      ].join(' · '),
    })),
    ...s.unaccepted.map((r) => ({
      section: 'unaccepted' as const,
      row: r,
      detail: [`Referred ${formatDate(r.referredOn)}`, `waiting ${plural(r.workingDaysWaiting, 'working day')}`].join(
        ' · ',
      ),
    })),
    ...s.noContact.map((r) => ({
      section: 'noContact' as const,
      row: r,
      detail: [
        r.neverSeen
          ? `Not yet seen; open since ${formatDate(r.lastContact)}`
          : `Last contact ${formatDate(r.lastContact)}`,
        `${plural(r.daysSince, 'day')}`,
        ot(r),
      ].join(' · '),
    })),
    ...s.followUps.map((r) => ({
      section: 'followUps' as const,
      row: r,
      detail: [...followUpDetail(r), ot(r)].join(' · '),
    })),
  ];
}

/** `continued`: the page's first line carries on a section begun on the page before. */
function render(
  input: DigestPageRequest,
  pageLines: Line[],
  page: number,
  pages: number,
  continued = false,
): AdaptiveCard {
  const s = input.selection;
  const sections = sectionsOf(pageLines);
  const first = page === 1;
  const total =
    s.expiring.length +
    s.expired.length +
    s.toCheck.length +
    s.unaccepted.length +
    s.noContact.length +
    s.followUps.length;
  const unreachable = input.unreachableLeads.length
    ? `The bot cannot reach ${input.unreachableLeads.join(', ')} (not installed, or removed), so they did not get today's digest. Ask them to open the bot in Teams and say "hi".`
    : '';
  return renderCard('digest', {
    title: `${input.preview ? "Today's digest (preview)" : 'Daily digest'}: ${formatDate(s.today)}`,
    subtitle: `${input.serviceName}${pages > 1 ? ` · page ${page} of ${pages}` : ''}${input.preview ? ' · not marked as sent' : ''}`,
    counts: first
      ? [
          { title: 'Open cases', value: String(s.counts.openCases) },
          { title: 'Referred this month', value: String(s.counts.referredThisMonth) },
          { title: 'Returned to work this year', value: String(s.counts.returnedToWorkThisYear) },
        ]
      : [],
    warning: first ? unreachable : '',
    empty:
      total === 0
        ? 'Nothing needs attention today: no fit notes ending or ended, no referrals waiting, everyone has been contacted, no follow-up due.'
        : '',
    sections: sections.map((sec, i) => ({
      heading: `${HEADINGS[sec.heading as SectionKey](s)}${i === 0 && continued ? ' (continued)' : ''}`,
      rows: sec.rows,
    })),
    pageNote: pages > 1 ? `Page ${page} of ${pages}.${page < pages ? ' Use "Show more" for the rest.' : ''}` : '',
    hasMore: page < pages,
    page,
    nextPage: page + 1,
    date: s.today,
  });
}

/** A line of a paged list card: lines of one section are drawn under one heading. */
export interface PagedLine {
  section: string;
}

/** Draws one page: `continued` when its first line carries on a section begun on the page before. */
export type DrawPage<L> = (lines: L[], page: number, pages: number, continued: boolean) => AdaptiveCard;

/** True when the line at `start` carries on the section of the line before it. */
const continues = (all: PagedLine[], start: number) =>
  start > 0 && start < all.length && all[start - 1].section === all[start].section;

const size = (card: AdaptiveCard) => Buffer.byteLength(JSON.stringify(card), 'utf8');

/** Cuts the lines into pages that each render under the byte budget (at least one line per page). */
function paginate<L extends PagedLine>(all: L[], draw: DrawPage<L>, maxBytes: number): L[][] {
  const pages: L[][] = [];
  let start = 0;
  while (start < all.length) {
    // Page numbers are not known yet; "page 99 of 99" reserves room for them.
    const continued = continues(all, start);
    const fits = (k: number) => size(draw(all.slice(start, start + k), pages.length + 1, 99, continued)) <= maxBytes;
    let lo = 1;
    let hi = all.length - start;
    // Bound the search by an estimate from a few lines, so that a big service does not render whole.
    const probe = Math.min(hi, 20);
    const base = size(draw([], pages.length + 1, 99, continued));
    const perLine = Math.max(
      1,
      (size(draw(all.slice(start, start + probe), pages.length + 1, 99, continued)) - base) / probe,
    );
    hi = Math.min(hi, Math.max(1, Math.ceil(((maxBytes - base) / perLine) * 1.5)));
    if (!fits(hi)) {
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (fits(mid)) lo = mid;
        else hi = mid - 1;
      }
    } else lo = hi;
    pages.push(all.slice(start, start + lo));
    start += lo;
  }
  return pages.length ? pages : [[]];
}

/**
 * One page of a paged list card (the lead's digest, the OT's my day): the lines are cut into pages
 * under `maxBytes` (Teams refuses cards over about 28 KB) and page `requested` is drawn.
 */
export function pagedCard<L extends PagedLine>(
  all: L[],
  draw: DrawPage<L>,
  requested: number,
  maxBytes = DIGEST_PAGE_BYTES,
): { card: AdaptiveCard; page: number; pages: number; lines: L[] } {
  const pages = paginate(all, draw, maxBytes);
  const page = Math.min(Math.max(1, Math.floor(requested) || 1), pages.length);
  const lines = pages[page - 1];
  const start = pages.slice(0, page - 1).reduce((n, p) => n + p.length, 0);
  return { card: draw(lines, page, pages.length, continues(all, start)), page, pages: pages.length, lines };
}

export function digestCard(input: DigestPageRequest): DigestPage {
  const drawn = pagedCard(
    lines(input.selection),
    (pageLines, page, pages, continued) => render(input, pageLines, page, pages, continued),
    input.page,
    input.maxBytes ?? DIGEST_PAGE_BYTES,
  );
  return { card: drawn.card, page: drawn.page, pages: drawn.pages, rows: drawn.lines.map((l) => l.row) };
}
