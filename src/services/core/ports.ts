import type { CaseRecord } from '../../domain/case';
import type { IsoDate } from '../../domain/dates';
import type { DigestCaseRow, DigestSelection } from '../../domain/digest';
import type { MyDaySelection } from '../../domain/myDay';
import type { Actor } from './actor';

/**
 * What use cases need from the layers above them, as interfaces the composition root fills
 * (`src/app.ts`): sending to a person (Teams), drawing what must be drawn before it is sent or
 * audited (cards, PDFs), and holding a file for download. Services never import those layers.
 */

/** An Adaptive Card as JSON: services pass it on and never look inside (`src/cards/` draws it). */
export type CardJson = {
  type: 'AdaptiveCard';
  version: string;
  body: unknown[];
  actions?: unknown[];
  [key: string]: unknown;
};

export type SendResult =
  | 'sent'
  /** We hold no conversation reference: they have never installed or messaged the bot. */
  | 'no_reference'
  /** Teams says the bot is gone for them (403/404): the reference was dropped. */
  | 'gone'
  /** Still failing after retries. */
  | 'failed';

/** A member of staff to reach: their service tells the store where their conversation is kept. */
export interface Recipient {
  aadObjectId: string;
  serviceId: string;
}

/** How a send went; once sent, the id Teams gave the message, by which it can be updated later. */
export interface SendReceipt {
  result: SendResult;
  activityId?: string;
}

/** How use cases reach a person proactively (new referral, daily digest); `src/teams/notifier.ts` implements it. */
export interface Notifier {
  sendCard(to: Recipient, card: CardJson): Promise<SendReceipt>;
  /**
   * Replaces a card sent earlier (`activityId`, from its receipt) in place, for clients that do not
   * refresh cards (the accepted alert): 'sent' when Teams took the update.
   */
  updateCard(to: Recipient, activityId: string, card: CardJson): Promise<SendResult>;
}

export interface DigestPageRequest {
  selection: DigestSelection;
  /** The service's display name (`serviceNameOf`), as the card shows it; never its raw id. */
  serviceName: string;
  /** Leads of this service the bot cannot reach (no conversation reference, or removed the bot). */
  unreachableLeads: string[];
  /** 1-based. */
  page: number;
  /** A preview (`digest` command) rather than the scheduled message. */
  preview?: boolean;
  maxBytes?: number;
}

export interface DigestPage {
  card: CardJson;
  page: number;
  pages: number;
  /** The cases shown on this page (each one is audited as read by the lead). */
  rows: DigestCaseRow[];
}

export interface MyDayPageRequest {
  selection: MyDaySelection;
  /** The OT's name, under the title. */
  name: string;
  /** 1-based. */
  page: number;
  /** Shown now (`today` command), not the scheduled message. */
  preview?: boolean;
  maxBytes?: number;
}

/** A page of an OT's "my day" list: its rows are what the OT reads (each audited). */
export type MyDayPage = DigestPage;

/**
 * Drawing that a use case must do itself, because what is drawn decides what it audits or sends:
 * a digest page (its rows are what the lead reads), the new-referral alert, the employer report PDF.
 * `src/cards/presenter.ts` implements it.
 */
export interface Presenter {
  digestPage(request: DigestPageRequest): DigestPage;
  myDayPage(request: MyDayPageRequest): MyDayPage;
  /** The alert as sent: Teams refreshes it (CONTRACT §3) for `recipients` (AAD object ids), the staff it goes to. */
  newReferral(record: CaseRecord, today: IsoDate, recipients: readonly string[]): CardJson;
  /** The report as saved on the case (`record.employerReport`, which the caller has checked is there). */
  employerReportPdf(record: CaseRecord, createdAt: Date): Promise<Buffer>;
}

export type FileKind = 'employer-report' | 'export' | 'fhir';

export interface FileToOffer {
  kind: FileKind;
  /** Names no patient: a case reference or the service and date at most. */
  filename: string;
  contentType: string;
  body: Buffer;
  caseId?: string;
  caseRef?: string;
}

export interface OfferedFile {
  url: string;
  expiresAt: Date;
  filename: string;
}

/** Holds a file for `actor` behind a one-time link (`src/services/files/downloads.ts`). */
export interface FileOffers {
  offer(actor: Actor, file: FileToOffer): Promise<OfferedFile>;
}
