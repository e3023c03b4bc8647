import { STATUS_LABELS, type CaseRecord } from '../domain/case';
import { daysSinceContact, nextContactOf, recentSessions } from '../domain/caseSummary';
import { formatDate, type IsoDate } from '../domain/dates';
import { currentNoteOf, isIndefinite, notesToCheck, statementDateOf, type FitNote } from '../domain/fitNote';
import { followUpStanding, openFollowUps, workAbilityCourse } from '../domain/followUp';
import { formatNhsNumber } from '../domain/nhsNumber';
import { planStatus } from '../domain/plan';
import { can, type Role } from '../domain/roles';
import {
  CONTACT_PREFERENCES,
  DISCHARGE_OUTCOMES,
  EMPLOYMENT_STATUSES,
  FOLLOW_UP_DUES,
  FOLLOW_UP_WORK_STATUSES,
  EVENT_TYPES,
  FIT_NOTE_ADVICE,
  FIT_NOTE_STATUSES,
  ISSUER_PROFESSIONS,
  JOB_DEMANDS,
  SESSION_MODES,
  SESSION_TOPICS,
} from '../domain/vocabulary';
import { noticeCard, type NoticeStyle } from './notice';
import { renderCard, type AdaptiveCard } from './render';

/** How many sessions the hub shows; the rest stay on the record. */
export const CASE_CARD_SESSIONS = 3;
const NOTE_PREVIEW = 300;

type Fact = { title: string; value: string };

export function fitNoteText(
  note: Pick<FitNote, 'status' | 'advice' | 'endDate' | 'startDate' | 'indefinite'> | null,
): string {
  if (!note) return 'No current fit note';
  const advice = note.advice.length
    ? ` (${note.advice.map((a) => FIT_NOTE_ADVICE.labels[a].toLowerCase()).join(', ')})`
    : '';
  const until = isIndefinite(note) ? 'indefinitely' : `to ${formatDate(note.endDate)}`;
  return `${FIT_NOTE_STATUSES.labels[note.status]}${advice}, ${formatDate(note.startDate)} ${until}`;
}

/** Who issued the note and when: "Sam Patel (nurse), issued 2 Nov 2026". Older notes may lack both. */
export function fitNoteIssuerText(
  note: Pick<FitNote, 'issuedBy' | 'issuerProfession' | 'statementDate' | 'startDate'> | null,
): string | undefined {
  if (!note) return undefined;
  const profession = note.issuerProfession ? ISSUER_PROFESSIONS.labels[note.issuerProfession].toLowerCase() : '';
  const who = note.issuedBy
    ? `${note.issuedBy}${profession ? ` (${profession})` : ''}`
    : profession
      ? `A ${profession}`
      : 'Issuer not recorded';
  return `${who}, issued ${formatDate(statementDateOf(note))}`;
}

/** Stored notes the Med3 rules refuse today (a mistyped year…): named so the OT records the right one. */
function toCheckText(c: CaseRecord, today: IsoDate): string | undefined {
  const check = notesToCheck(c.fitNotes ?? [], c.referral.eventDate, today);
  if (check.length === 0) return undefined;
  return check
    .map(
      ({ note, problems }) =>
        `${formatDate(note.startDate)} to ${isIndefinite(note) ? 'indefinite' : formatDate(note.endDate) || '?'}: ${Object.values(problems).join(' ')}`,
    )
    .join('\n');
}

export function contactText(c: CaseRecord, today: IsoDate): string {
  const days = daysSinceContact(c, today);
  if (days === null) return 'No contact yet';
  return days === 0 ? 'Contact today' : `${days} day${days === 1 ? '' : 's'} since last contact`;
}

/** The booked next contact on an open case, "(overdue)" once past. */
function nextContactText(c: CaseRecord, today: IsoDate): string | undefined {
  const next = c.status === 'active' ? nextContactOf(c) : undefined;
  if (!next) return undefined;
  return next < today
    ? `${formatDate(next)} (overdue)`
    : next === today
      ? `${formatDate(next)} (today)`
      : formatDate(next);
}

function facts(list: [string, string | undefined | null][]): Fact[] {
  return list
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([title, value]) => ({ title, value: value as string }));
}

function closureText(c: CaseRecord): string | undefined {
  if (c.discharge)
    return `${DISCHARGE_OUTCOMES.labels[c.discharge.outcome]} (discharged ${formatDate(c.discharge.date)} by ${c.discharge.by.name})`;
  if (c.decline) return `Declined ${formatDate(c.decline.on)} by ${c.decline.by.name}: ${c.decline.reason}`;
  return undefined;
}

/** The follow-ups of a discharged case: each done (with its answer), and where the rest stand. */
function followUpFacts(c: CaseRecord, today: IsoDate): [string, string | undefined][] {
  if (c.status !== 'discharged' || !c.discharge) return [];
  const s = followUpStanding(c, today);
  if (!s.followed)
    return [
      [
        'Follow-ups',
        c.discharge.followUpConsent === false
          ? 'None: the patient did not consent'
          : 'None (discharged before follow-ups)',
      ],
    ];
  const done = s.slots
    .filter((x) => x.contact)
    .map((x) => {
      const k = x.contact!;
      const hours = k.hoursPerWeek !== undefined ? `, ${k.hoursPerWeek} h/week` : '';
      return `${FOLLOW_UP_DUES.labels[x.due]}: ${formatDate(k.date)}, ${FOLLOW_UP_WORK_STATUSES.labels[k.workStatus].toLowerCase()}${hours}`;
    });
  const next = s.next;
  const nextText = next
    ? `${FOLLOW_UP_DUES.labels[next.due]}, ${formatDate(next.date)}${next.state === 'overdue' ? ' (overdue)' : next.state === 'due' ? ' (due now)' : ` (due from ${formatDate(next.opensOn)})`}${next.attempts ? `; not reached ${next.attempts === 1 ? 'once' : `${next.attempts} times`}` : ''}`
    : undefined;
  return [
    ['Follow-ups done', done.length ? done.join('\n') : 'None yet'],
    [
      'Next follow-up',
      s.lostOn
        ? `Lost to follow-up on ${formatDate(s.lostOn)} (three "not reached" in a row)`
        : (nextText ?? 'All three recorded'),
    ],
  ];
}

/** The Work Ability Score's course: first recorded, at discharge, latest follow-up. */
function workAbilityText(c: CaseRecord): string | undefined {
  const w = workAbilityCourse(c);
  const parts = [
    w.first ? `first ${w.first.score} (${formatDate(w.first.date)})` : undefined,
    w.atDischarge ? `at discharge ${w.atDischarge.score}` : undefined,
    w.latestFollowUp ? `latest follow-up ${w.latestFollowUp.score} (${formatDate(w.latestFollowUp.date)})` : undefined,
  ].filter(Boolean);
  return parts.length ? `${parts.join(' → ')} (out of 10)` : undefined;
}

/** Which card a `case.refresh` answers: the hub, or a new-referral alert (CONTRACT §3). */
export type CaseCardView = 'hub' | 'alert';

export interface CaseCardOptions {
  role: Role;
  banner?: string;
  bannerStyle?: NoticeStyle;
  /**
   * Who Teams refreshes the card for (`refresh.userIds`, AAD object ids): the reader of a hub, the
   * recipients of an alert. None: the card carries no refresh (a sample, a card drawn for no one).
   */
  refreshFor?: readonly string[];
  /** What the card is, so that a refresh answers the same kind of card. Default `hub`. */
  view?: CaseCardView;
}

/** Teams drops a null `refresh` quietly, but the schema does not allow it: a card for no one has none. */
function withoutEmptyRefresh(card: AdaptiveCard): AdaptiveCard {
  if (card.refresh == null) delete card.refresh;
  return card;
}

/** The case hub (`case <ref>`): everything an OT or lead needs, and the buttons their role allows now. */
export function caseCard(c: CaseRecord, today: IsoDate, opts: CaseCardOptions): AdaptiveCard {
  const works = can(opts.role, 'case.work');
  const r = c.referral;
  const note = currentNoteOf(c, today);
  const job = [r.occupation, r.employer ? `at ${r.employer}` : undefined].filter(Boolean).join(' ');
  return withoutEmptyRefresh(
    renderCard('case', {
      refreshUserIds: [...(opts.refreshFor ?? [])],
      refreshView: opts.view ?? 'hub',
      banner: opts.banner ?? '',
      bannerStyle: opts.bannerStyle ?? 'good',
      heading: `${c.ref} · ${c.patient.name}`,
      statusLine: STATUS_LABELS[c.status] + (c.assignedOt ? ` · OT: ${c.assignedOt.name}` : ''),
      patientFacts: facts([
        ['NHS number', formatNhsNumber(c.patient.nhsNumber)],
        ['Date of birth', formatDate(c.patient.dateOfBirth)],
        ['Phone', c.patient.phone],
      ]),
      referralFacts: facts([
        ['Event', `${EVENT_TYPES.labels[r.eventType]}, ${formatDate(r.eventDate)}`],
        ['Discharged from hospital', formatDate(r.dischargeDate)],
        ['Work', [EMPLOYMENT_STATUSES.labels[r.employmentStatus], job].filter(Boolean).join(': ')],
        ['Job demands', r.jobDemands.map((d) => JOB_DEMANDS.labels[d]).join(', ')],
        ['Contracted hours', r.hoursPerWeek !== undefined ? `${r.hoursPerWeek} per week` : undefined],
        ['Contact by', CONTACT_PREFERENCES.labels[r.contactPreference]],
        ['Referred', `${formatDate(r.referredOn)} by ${c.referredBy.name}`],
        ['Referral notes', r.notes],
      ]),
      workFacts: facts([
        ['Status', STATUS_LABELS[c.status]],
        [
          'OT',
          c.assignedOt
            ? `${c.assignedOt.name}${c.acceptedOn ? `, since ${formatDate(c.acceptedOn)}` : ''}`
            : 'Not yet accepted',
        ],
        ['Fit note', fitNoteText(note)],
        ['Fit note from', fitNoteIssuerText(note)],
        ['Fit notes to check', toCheckText(c, today)],
        ['Plan', planStatus(c.plan, today)],
        ['Last contact', contactText(c, today)],
        ['Next contact', nextContactText(c, today)],
        ['Outcome', closureText(c)],
        ['Work Ability Score', workAbilityText(c)],
        ...followUpFacts(c, today),
      ]),
      sessions: recentSessions(c, CASE_CARD_SESSIONS).map((s) => ({
        line: [
          formatDate(s.date),
          SESSION_MODES.labels[s.mode],
          `${s.durationMinutes} min`,
          s.topics.map((t) => SESSION_TOPICS.labels[t as keyof typeof SESSION_TOPICS.labels] ?? t).join(', '),
          s.recordedBy.name,
        ]
          .filter(Boolean)
          .join(' · '),
        notes: s.notes.length > NOTE_PREVIEW ? `${s.notes.slice(0, NOTE_PREVIEW)}…` : s.notes,
      })),
      caseId: c.id,
      ref: c.ref,
      canAccept: works && c.status === 'referred' && !c.assignedOt,
      canWork: works && c.status === 'active',
      canFollowUp: works && openFollowUps(c, today).length > 0,
    }),
  );
}

/**
 * A new-referral alert, as `reader` should see it now (none: as sent to every recipient): while the
 * referral waits, the hub with Accept and Decline; once someone has acted on it, who did what, and the
 * buttons the reader's role allows on the case as it stands (never a stale Accept).
 */
export function newReferralCard(
  c: CaseRecord,
  today: IsoDate,
  recipients: readonly string[] = [],
  reader?: { aadObjectId: string; role: Role },
): AdaptiveCard {
  const role = reader?.role ?? 'ot';
  const refreshFor = reader ? [reader.aadObjectId] : recipients;
  const mine = (by?: { aadObjectId: string }) =>
    reader !== undefined && by?.aadObjectId.toLowerCase() === reader.aadObjectId.toLowerCase();
  const [banner, bannerStyle]: [string, NoticeStyle] =
    c.status === 'referred' && !c.assignedOt
      ? [`New referral ${c.ref} from ${c.referredBy.name}: can you take it?`, 'accent']
      : c.status === 'declined'
        ? [`Declined by ${mine(c.decline?.by) ? 'you' : (c.decline?.by.name ?? 'a colleague')}, ${c.ref}.`, 'warning']
        : c.status === 'discharged'
          ? [`${c.ref} has been discharged.`, 'default']
          : [`Accepted by ${mine(c.assignedOt) ? 'you' : (c.assignedOt?.name ?? 'a colleague')}, ${c.ref}.`, 'good'];
  return caseCard(c, today, { role, banner, bannerStyle, refreshFor, view: 'alert' });
}

/** What a referring nurse sees: where their referral stands, nothing clinical. */
export function caseStatusCard(c: CaseRecord, reader?: string): AdaptiveCard {
  const card = noticeCard(
    `${c.ref} · ${c.patient.name}`,
    STATUS_LABELS[c.status],
    'default',
    facts([
      ['NHS number', formatNhsNumber(c.patient.nhsNumber)],
      ['Referred', formatDate(c.referral.referredOn)],
      ['OT', c.assignedOt ? c.assignedOt.name : c.status === 'referred' ? 'Not yet accepted' : undefined],
      ['Discharged', c.discharge ? formatDate(c.discharge.date) : undefined],
    ]),
  );
  // The same refresh as the hub's (cards/case.json): the status stays current for the nurse who opened it.
  if (reader)
    card.refresh = {
      action: { type: 'Action.Execute', verb: 'case.refresh', data: { caseId: c.id, view: 'hub' } },
      userIds: [reader],
    };
  return card;
}
