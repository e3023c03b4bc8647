import type { Attachment, InvokeResponse, TurnContext } from 'botbuilder';
import { untilTime } from '../cards/download';
import { noticeCard, type NoticeStyle } from '../cards/notice';
import { CARD_CONTENT_TYPE, type AdaptiveCard } from '../cards/render';
import type { Logger } from '../log';
import type { TurnOffer } from '../services/files/downloads';
import type {
  FileConsents,
  AcceptResult,
  ConsentRefusal,
  DeclineResult,
  UploadInfo,
} from '../services/files/fileConsent';
import type { Admission } from './gate';

export const FILE_CONSENT_INVOKE = 'fileConsent/invoke';
export const FILE_CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';

/**
 * One file consent card ("Save to OneDrive") for every file the turn offered by link. Personal chat
 * only (Teams supports the flow nowhere else, and patient files go nowhere else). A failure here
 * leaves the link standing alone rather than spoiling the answer.
 */
export async function consentAttachments(
  consents: FileConsents,
  timezone: string,
  offers: TurnOffer[],
  log: Logger,
): Promise<Attachment[]> {
  if (offers.length === 0) return [];
  const out: Attachment[] = [];
  for (const { actor, file } of offers) {
    try {
      const offer = await consents.offer(actor, file);
      const until = untilTime(offer.expiresAt, timezone);
      out.push({
        contentType: FILE_CONSENT_CARD,
        name: offer.filename,
        content: {
          description: `Or save it straight to your OneDrive: only you can accept, until ${until}. Keep it somewhere your organisation approves for patient data.`,
          sizeInBytes: offer.sizeInBytes,
          // Only the signed consent id travels through Teams; the file itself waits in the bot's store.
          acceptContext: { consent: offer.consent },
          declineContext: { consent: offer.consent },
        },
      });
    } catch (e) {
      log.warn({ event: 'file.consent.offer_failed', error: (e as Error)?.name }, 'file consent card not offered');
    }
  }
  return out;
}

/** The invoke Teams sends when the user presses Allow or Decline on a consent card. */
interface FileConsentValue {
  type?: string;
  action?: string;
  context?: { consent?: unknown };
  uploadInfo?: UploadInfo;
}

const REFUSALS: Record<ConsentRefusal, [string, string, NoticeStyle]> = {
  altered: ['This file offer is not valid', 'Nothing was uploaded. Ask for the file again.', 'warning'],
  unknown: [
    'This file offer is no longer held',
    'The file has been deleted from the bot. Nothing was uploaded: ask for the file again.',
    'warning',
  ],
  expired: [
    'This file offer has expired',
    'Offers last a few minutes and the file has been deleted from the bot. Nothing was uploaded: ask for the file again.',
    'warning',
  ],
  used: ['This file has already been saved', 'Each offer saves the file once. Nothing more was uploaded.', 'default'],
  declined: [
    'You declined this file',
    'The file was deleted from the bot. Ask for it again if you need it.',
    'default',
  ],
  not_requester: [
    'This file was offered to someone else',
    'Only the person who asked for a file can save it. Nothing was uploaded, and the attempt has been recorded.',
    'warning',
  ],
  not_allowed: ['Not allowed', 'Your role or service no longer allows this file. Nothing was uploaded.', 'warning'],
  upload_host: [
    'Could not save the file',
    'Teams gave an upload address that is not Microsoft’s OneDrive, so nothing was uploaded.',
    'attention',
  ],
};

function answerCard(result: AcceptResult | DeclineResult): AdaptiveCard | undefined {
  switch (result.kind) {
    case 'uploaded':
      return undefined;
    case 'dropped':
      return noticeCard('File not saved', 'You declined, so the file has been deleted from the bot.');
    case 'upload_failed':
      return noticeCard(
        'Could not save the file',
        'OneDrive did not accept the upload. Ask for the file again, or use the download link if it still works.',
        'attention',
      );
    case 'refused': {
      const [title, text, style] = REFUSALS[result.reason];
      return noticeCard(title, text, style);
    }
  }
}

/**
 * `fileConsent/invoke`: the person is admitted like any other turn (tenant, staff list), then the
 * service decides whether this person may have this file. Teams wants 200 whatever happened; what
 * happened is told in the chat: the file's card on success, a notice otherwise.
 */
export async function handleFileConsentInvoke(
  context: TurnContext,
  opts: { consents: FileConsents; log: Logger; gate: (context: TurnContext, action: string) => Promise<Admission> },
): Promise<InvokeResponse> {
  const value = (context.activity.value ?? {}) as FileConsentValue;
  const accepting = value.action === 'accept';
  const action = accepting ? 'file.consent.accept' : 'file.consent.decline';
  const { consents } = opts;
  const admission = await opts.gate(context, action);
  if (!admission.admitted) {
    await context.sendActivity({ attachments: [{ contentType: CARD_CONTENT_TYPE, content: admission.card }] });
    return { status: 200 };
  }
  const result = accepting
    ? await consents.accept(admission.actor, value.context?.consent, value.uploadInfo as UploadInfo)
    : await consents.decline(admission.actor, value.context?.consent);
  opts.log.info(
    {
      event: 'file.consent',
      action: accepting ? 'accept' : 'decline',
      result: result.kind,
      reason: result.kind === 'refused' ? result.reason : undefined,
    },
    'file consent answered',
  );
  if (result.kind === 'uploaded') {
    await context.sendActivity({
      attachments: [
        {
          contentType: FILE_INFO_CARD,
          contentUrl: result.info.contentUrl,
          name: result.info.name ?? result.filename,
          content: {
            uniqueId: result.info.uniqueId,
            fileType: result.info.fileType ?? result.filename.split('.').pop(),
          },
        },
      ],
    });
  } else {
    const card = answerCard(result);
    if (card) await context.sendActivity({ attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }] });
  }
  return { status: 200 };
}
