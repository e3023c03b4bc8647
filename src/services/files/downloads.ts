import { AsyncLocalStorage } from 'node:async_hooks';
import type { HeldFile, Stored } from '../../store/types';
import { audit } from '../core/audit';
import type { Actor, StoreDeps } from '../core/context';
import type { FileOffers, FileToOffer, OfferedFile } from '../core/ports';
import { signedIds } from './signedIds';

export type { FileKind, FileToOffer, OfferedFile } from '../core/ports';

/** How long a download link works. Short: the link is the only key a browser brings. */
export const LINK_TTL_MS = 5 * 60 * 1000;
/** How long a used or expired file is remembered, so that a late attempt is told apart and audited. */
export const TOMBSTONE_MS = 60 * 60 * 1000;
/** How often each instance purges expired files (the store has no TTL locally; Azure's also expires them). */
export const PURGE_EVERY_MS = 60_000;

export type TakeResult =
  | { kind: 'ok'; file: FileToOffer }
  | { kind: 'refused'; reason: 'malformed' | 'bad_signature' | 'unknown' | 'used' | 'expired' };

/** The file as it was offered, from its stored record and body. */
export function fileOf(held: HeldFile, body: Buffer): FileToOffer {
  const { kind, filename, contentType, caseId, caseRef } = held.file;
  return { kind, filename, contentType, body, ...(caseId ? { caseId } : {}), ...(caseRef ? { caseRef } : {}) };
}

/** What a held file's record says about it, from what a use case offers. */
export function heldInfo(file: FileToOffer): HeldFile['file'] {
  return {
    kind: file.kind,
    filename: file.filename,
    contentType: file.contentType,
    bytes: file.body.length,
    ...(file.caseId ? { caseId: file.caseId } : {}),
    ...(file.caseRef ? { caseRef: file.caseRef } : {}),
  };
}

/** Why a file is no longer there to hand out, or undefined while it is. */
export function goneReason(held: HeldFile, now: Date): 'used' | 'declined' | 'expired' | undefined {
  if (held.state !== 'held') return held.state;
  return held.expiresAt <= now.toISOString() ? 'expired' : undefined;
}

/**
 * Files handed to a browser by link (CONTRACT §6 `GET /files/<id>`), kept in the store (never on disk),
 * so that a link made on one instance works once on any other (§8).
 *
 * The link is `/files/<random id>.<HMAC of the id>`: 128 random bits nobody can guess, signed with a key
 * kept in the store (`signedIds.ts`), so an altered link is refused before any look-up. A browser
 * carries no Teams identity, so the link cannot be bound to the person who asked; it is bound instead
 * by being given only in that person's 1:1 chat, working once, and expiring within minutes. Single use
 * across instances: handing it out is an etag-guarded move of its record out of `held`.
 */
/**
 * Holds `file` in the store for `actor`, under a link or a consent offer with the random `id` just
 * issued: audited first (`file.create`, `file.consent.offer`), so that nothing is offered unaudited.
 * Returns when the offer expires (epoch ms).
 */
export async function holdFile(
  deps: StoreDeps,
  actor: Actor,
  file: FileToOffer,
  offer: { purpose: HeldFile['purpose']; id: string; ttlMs: number },
): Promise<number> {
  const expiresAt = deps.clock.now().getTime() + offer.ttlMs;
  const link = offer.purpose === 'link';
  await audit(deps, actor, {
    action: link ? 'file.create' : 'file.consent.offer',
    outcome: 'ok',
    caseId: file.caseId,
    caseRef: file.caseRef,
    detail: {
      kind: file.kind,
      [link ? 'file' : 'consent']: offer.id,
      bytes: file.body.length,
      expiresAt: new Date(expiresAt).toISOString(),
    },
  });
  await deps.store.files.hold(
    {
      id: `${offer.purpose}:${offer.id}`,
      purpose: offer.purpose,
      ownerService: actor.serviceId,
      owner: actor.aadObjectId,
      file: heldInfo(file),
      expiresAt: new Date(expiresAt).toISOString(),
      forgetAt: new Date(expiresAt + TOMBSTONE_MS).toISOString(),
    },
    file.body,
  );
  return expiresAt;
}

export class FileVault implements FileOffers {
  private baseUrl = '';
  private readonly ttlMs: number;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly deps: StoreDeps,
    private readonly opts: { secret?: Buffer; baseUrl?: string; ttlMs?: number } = {},
  ) {
    this.setBaseUrl(opts.baseUrl ?? '');
    this.ttlMs = opts.ttlMs ?? LINK_TTL_MS;
  }

  /** Where links point: PUBLIC_BASE_URL, else the bot's own listening address once known. */
  setBaseUrl(url: string): void {
    this.baseUrl = url.replace(/\/+$/, '');
  }

  private ids() {
    return signedIds(this.deps.store, 'files', this.opts.secret);
  }

  /** Holds `file` for `actor` and returns the one-time link; the creation is audited. */
  async offer(actor: Actor, file: FileToOffer): Promise<OfferedFile> {
    const { id, token } = (await this.ids()).issue();
    const expiresAt = await holdFile(this.deps, actor, file, { purpose: 'link', id, ttlMs: this.ttlMs });
    offersThisTurn.getStore()?.push({ actor, file });
    return { url: `${this.baseUrl}/files/${token}`, expiresAt: new Date(expiresAt), filename: file.filename };
  }

  /**
   * Hands out the file named by `token` once, on whichever instance it was made. The download is
   * audited under the person who asked for the link; a refusal of a link we issued is audited too
   * (unknown or altered links name no service).
   */
  async take(token: string): Promise<TakeResult> {
    const checked = (await this.ids()).check(token);
    if ('refused' in checked) return { kind: 'refused', reason: checked.refused };
    const { id } = checked;
    const held = await this.deps.store.files.get(`link:${id}`);
    if (!held) return { kind: 'refused', reason: 'unknown' };
    const refuse = async (reason: 'used' | 'expired') => {
      await audit(
        this.deps,
        { aadObjectId: held.owner, serviceId: held.ownerService },
        { action: 'file.download', outcome: 'refused', detail: { kind: held.file.kind, file: id, reason } },
      );
      return { kind: 'refused' as const, reason };
    };
    const gone = goneReason(held, this.deps.clock.now());
    if (gone) return refuse(gone === 'declined' ? 'used' : gone);
    // Single use across instances: only the request whose etag-guarded move succeeds has the body.
    const settled = await this.deps.store.files.settle(held as Stored<HeldFile>, 'used', true);
    if (!settled?.body) return refuse('used');
    await audit(
      this.deps,
      { aadObjectId: held.owner, serviceId: held.ownerService },
      {
        action: 'file.download',
        outcome: 'ok',
        caseId: held.file.caseId,
        caseRef: held.file.caseRef,
        detail: { kind: held.file.kind, file: id, bytes: settled.body.length },
      },
    );
    return { kind: 'ok', file: fileOf(held, settled.body) };
  }

  /** Links still usable (not used, nor expired), on every instance: tests check nothing lingers. */
  async held(): Promise<number> {
    await this.purge();
    return this.deps.store.files.countHeld('link', this.deps.clock.now().toISOString());
  }

  /** Expired files of every instance lose their body; old records go. Harmless on several instances at once. */
  async purge(): Promise<number> {
    return this.deps.store.files.purge(this.deps.clock.now().toISOString());
  }

  /** Purges every `everyMs` of real time (the service clock decides what has expired). */
  startPurging(everyMs = PURGE_EVERY_MS): void {
    this.timer = setInterval(() => {
      this.purge().catch((e) =>
        this.deps.log.warn({ event: 'file.purge_failed', error: (e as Error)?.name }, 'file purge failed; will retry'),
      );
    }, everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

/** A file offered by link during one chat turn, so that the Teams layer can also offer it by file consent. */
export interface TurnOffer {
  actor: Actor;
  file: FileToOffer;
}

const offersThisTurn = new AsyncLocalStorage<TurnOffer[]>();

/**
 * Runs one turn's handler and returns, besides its result, every file it offered by link. Lets the
 * bot add Teams' file consent card without each command knowing about it (see teams/fileConsent.ts).
 */
export async function collectOffers<T>(run: () => Promise<T>): Promise<{ result: T; offers: TurnOffer[] }> {
  const offers: TurnOffer[] = [];
  const result = await offersThisTurn.run(offers, run);
  return { result, offers };
}
