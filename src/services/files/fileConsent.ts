import { can, type Permission } from '../../domain/roles';
import { audit } from '../core/audit';
import type { Actor, StoreDeps } from '../core/context';
import type { HeldFile, Stored } from '../../store/types';
import { goneReason, holdFile, LINK_TTL_MS, type FileKind, type FileToOffer } from './downloads';
import { signedIds } from './signedIds';

/** How long a consent card can be accepted: as short as a link, since it holds the same file. */
export const CONSENT_TTL_MS = LINK_TTL_MS;
const UPLOAD_TIMEOUT_MS = 60_000;

/** What the person must still be allowed to do, at the moment they accept, to receive each kind of file. */
const PERMISSION_FOR: Record<FileKind, Permission> = {
  'employer-report': 'case.work',
  export: 'export',
  fhir: 'case.readFull',
};

/** Where Teams puts the file: the accepting user's OneDrive for Business, which lives on SharePoint Online. */
const MICROSOFT_UPLOAD_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.sharepoint\.com$/;

/** What Teams reports about the user's OneDrive once they accept (`value.uploadInfo` of the invoke). */
export interface UploadInfo {
  name?: string;
  uploadUrl: string;
  contentUrl: string;
  uniqueId: string;
  fileType?: string;
}

/** What the consent card shows; `consent` is the only thing that travels in its accept and decline contexts. */
export interface ConsentOffer {
  consent: string;
  filename: string;
  sizeInBytes: number;
  expiresAt: Date;
}

export type ConsentRefusal =
  | 'altered' // not a consent id we signed
  | 'unknown' // signed by another process (restarted, or another instance) or long forgotten
  | 'expired'
  | 'used'
  | 'declined'
  | 'not_requester' // someone other than the person who asked
  | 'not_allowed' // the requester's role or service no longer allows the file
  | 'upload_host'; // Teams named an upload address that is not Microsoft's

export type AcceptResult =
  | { kind: 'uploaded'; info: UploadInfo; filename: string }
  | { kind: 'refused'; reason: ConsentRefusal }
  | { kind: 'upload_failed' };

export type DeclineResult = { kind: 'dropped' } | { kind: 'refused'; reason: ConsentRefusal };

export interface FileConsentOptions {
  /**
   * Local mode only (inbound authentication off): uploads may also go to http(s)://127.0.0.1, where the
   * tests' recording "OneDrive" listens. With authentication on, only https on SharePoint Online.
   */
  allowLoopbackUpload: boolean;
  secret?: Buffer;
  ttlMs?: number;
}

/**
 * Teams' file consent flow (personal chat only) as the identity-bound way to hand over a file: unlike
 * a download link opened in a browser, the acceptance arrives as an invoke from an authenticated
 * Teams user, so the file goes only to the person who asked for it, into their own OneDrive.
 *
 * The card's accept/decline contexts carry only `<random id>.<HMAC>` (keyed with the store's key); the
 * file waits in the store (never on disk), bound to the requester and their service, until accepted,
 * declined or expired, so Teams may deliver the answer to any instance (CONTRACT §8).
 */
export class FileConsents {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly deps: StoreDeps,
    private readonly opts: FileConsentOptions,
  ) {}

  private ttlMs(): number {
    return this.opts.ttlMs ?? CONSENT_TTL_MS;
  }

  // A purpose of its own: a download link's signature is never a valid consent id, nor the reverse.
  private ids() {
    return signedIds(this.deps.store, 'consent', this.opts.secret);
  }

  private async verify(token: unknown): Promise<string | undefined> {
    const checked = (await this.ids()).check(token);
    return 'id' in checked ? checked.id : undefined;
  }

  /** Holds `file` for `actor` to accept into their OneDrive; the offer is audited. */
  async offer(actor: Actor, file: FileToOffer): Promise<ConsentOffer> {
    const { id, token } = (await this.ids()).issue();
    const expiresAt = await holdFile(this.deps, actor, file, { purpose: 'consent', id, ttlMs: this.ttlMs() });
    return { consent: token, filename: file.filename, sizeInBytes: file.body.length, expiresAt: new Date(expiresAt) };
  }

  /**
   * Which pending file `token` names, if `actor` may still have it. Refusals are audited in the
   * requester's service when the file is known (so its lead sees the attempt), else in the actor's.
   */
  private async check(
    actor: Actor,
    token: unknown,
    action: string,
  ): Promise<{ id: string; p: Stored<HeldFile> } | { refused: ConsentRefusal }> {
    const refuse = async (reason: ConsentRefusal, p?: HeldFile, id?: string) => {
      await audit(
        this.deps,
        { aadObjectId: actor.aadObjectId, serviceId: p?.ownerService ?? actor.serviceId },
        {
          action,
          outcome: 'refused',
          caseId: p?.file.caseId,
          caseRef: p?.file.caseRef,
          detail: { reason, ...(id ? { consent: id } : {}), ...(p ? { kind: p.file.kind } : {}) },
        },
      );
      return { refused: reason };
    };
    const id = await this.verify(token);
    if (!id) return refuse('altered');
    const p = await this.deps.store.files.get(`consent:${id}`);
    if (!p) return refuse('unknown', undefined, id);
    const gone = goneReason(p, this.deps.clock.now());
    if (gone) return refuse(gone, undefined, id);
    if (p.owner !== actor.aadObjectId) return refuse('not_requester', p, id);
    if (p.ownerService !== actor.serviceId || !can(actor.role, PERMISSION_FOR[p.file.kind]))
      return refuse('not_allowed', p, id);
    return { id, p };
  }

  /**
   * The requester accepted: checks who and what, claims the file (once, on any instance: an
   * etag-guarded move of its record), PUTs it to the upload address Teams gave (only a Microsoft host),
   * and audits the upload. A failed upload is not retried: the person can ask for the file again.
   */
  async accept(actor: Actor, token: unknown, uploadInfo: UploadInfo): Promise<AcceptResult> {
    const checked = await this.check(actor, token, 'file.consent.accept');
    if ('refused' in checked) return { kind: 'refused', reason: checked.refused };
    const { id, p } = checked;
    const target = uploadTarget(uploadInfo?.uploadUrl, this.opts.allowLoopbackUpload);
    if (!target) {
      await audit(this.deps, actor, {
        action: 'file.consent.accept',
        outcome: 'refused',
        caseId: p.file.caseId,
        caseRef: p.file.caseRef,
        detail: { reason: 'upload_host', consent: id, kind: p.file.kind },
      });
      return { kind: 'refused', reason: 'upload_host' };
    }
    // Single use: a racing invoke (on this or another instance) may have passed the same checks; only the
    // one whose etag-guarded move succeeds has the file.
    const settled = await this.deps.store.files.settle(p, 'used', true);
    if (!settled?.body) {
      await audit(this.deps, actor, {
        action: 'file.consent.accept',
        outcome: 'refused',
        caseId: p.file.caseId,
        caseRef: p.file.caseRef,
        detail: { reason: 'used', consent: id, kind: p.file.kind },
      });
      return { kind: 'refused', reason: 'used' };
    }
    const body = settled.body;
    let status = 0;
    try {
      const res = await fetch(target, {
        method: 'PUT',
        headers: {
          'Content-Length': String(body.length),
          'Content-Range': `bytes 0-${body.length - 1}/${body.length}`,
        },
        body: Uint8Array.from(body),
        // A redirect could lead anywhere: the file goes to the address checked above or nowhere.
        redirect: 'error',
        signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch {
      status = 0;
    }
    // The upload address carries a session token: only its host is recorded.
    const detail = { kind: p.file.kind, consent: id, bytes: body.length, host: target.host, status };
    if (status < 200 || status >= 300) {
      await audit(this.deps, actor, {
        action: 'file.consent.upload',
        outcome: 'error',
        caseId: p.file.caseId,
        caseRef: p.file.caseRef,
        detail,
      });
      return { kind: 'upload_failed' };
    }
    await audit(this.deps, actor, {
      action: 'file.consent.upload',
      outcome: 'ok',
      caseId: p.file.caseId,
      caseRef: p.file.caseRef,
      detail,
    });
    return { kind: 'uploaded', info: uploadInfo, filename: p.file.filename };
  }

  /**
   * The requester declined: the file is dropped at once (audited), whichever instance made the offer.
   * Anyone else's decline changes nothing.
   */
  async decline(actor: Actor, token: unknown): Promise<DeclineResult> {
    const id = await this.verify(token);
    const p = id ? await this.deps.store.files.get(`consent:${id}`) : null;
    // Declining needs no permission: a requester whose role has changed may still throw the file away.
    if (id && p && p.owner === actor.aadObjectId && !goneReason(p, this.deps.clock.now())) {
      if (await this.deps.store.files.settle(p, 'declined', false)) {
        await audit(
          this.deps,
          { aadObjectId: actor.aadObjectId, serviceId: p.ownerService },
          {
            action: 'file.consent.decline',
            outcome: 'ok',
            caseId: p.file.caseId,
            caseRef: p.file.caseRef,
            detail: { kind: p.file.kind, consent: id },
          },
        );
        return { kind: 'dropped' };
      }
    }
    const checked = await this.check(actor, token, 'file.consent.decline');
    return { kind: 'refused', reason: 'refused' in checked ? checked.refused : 'not_requester' };
  }

  /** Offers still pending, on every instance (after purging the expired). */
  async held(): Promise<number> {
    await this.deps.store.files.purge(this.deps.clock.now().toISOString());
    return this.deps.store.files.countHeld('consent', this.deps.clock.now().toISOString());
  }

  /** The FileVault's purge covers consents too (one store); kept for symmetry of the app's wiring. */
  startPurging(): void {}

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

/**
 * The URL the file may be PUT to, or undefined. In production only https on SharePoint Online (where
 * OneDrive for Business lives), default port, no credentials in the URL. In local mode (inbound
 * authentication off, so no real Teams can reach the bot anyway) also http(s)://127.0.0.1, for the
 * tests' recording upload server; no other loopback name, and never any other host.
 */
export function uploadTarget(url: unknown, allowLoopback: boolean): URL | undefined {
  if (typeof url !== 'string') return undefined;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.username || u.password) return undefined;
  if (u.protocol === 'https:' && u.port === '' && MICROSOFT_UPLOAD_HOST.test(u.hostname)) return u;
  if (allowLoopback && (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname === '127.0.0.1') return u;
  return undefined;
}
