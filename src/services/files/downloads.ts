import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { audit } from '../core/audit';
import type { Actor, StoreDeps } from '../core/context';
import type { FileKind, FileOffers, FileToOffer, OfferedFile } from '../core/ports';

export type { FileKind, FileToOffer, OfferedFile } from '../core/ports';
import { OneTimeHolder } from './oneTimeHolder';
import { SignedIds } from './signedIds';

/** How long a download link works. Short: the link is the only key a browser brings. */
export const LINK_TTL_MS = 5 * 60 * 1000;

interface Held {
  file: FileToOffer;
  serviceId: string;
  createdBy: string;
  expiresAt: number;
}

/** What is kept of a used or expired link: enough to audit a late attempt in the right service. */
interface GoneFile {
  serviceId: string;
  createdBy: string;
  kind: FileKind;
}

export type TakeResult =
  | { kind: 'ok'; file: FileToOffer }
  | { kind: 'refused'; reason: 'malformed' | 'bad_signature' | 'unknown' | 'used' | 'expired' };

/**
 * Files handed to a browser by link (CONTRACT §6 `GET /files/<id>`), held in this process's memory only
 * (never on disk) and dropped when used or expired.
 *
 * The link is `/files/<random id>.<HMAC of the id>`: 128 random bits nobody can guess, signed with a
 * per-process secret so that an altered link is refused before any look-up. A browser carries no
 * Teams identity, so the link cannot be bound to the person who asked; it is bound instead by being
 * given only in that person's 1:1 chat, working once, and expiring within minutes.
 * Held per instance: with several instances behind a balancer, links need session affinity.
 */
export class FileVault extends OneTimeHolder<Held, 'used', GoneFile> implements FileOffers {
  private readonly ids: SignedIds;
  private baseUrl = '';
  private readonly ttlMs: number;

  constructor(
    private readonly deps: StoreDeps,
    opts: { secret?: Buffer; baseUrl?: string; ttlMs?: number } = {},
  ) {
    super(
      () => deps.clock.now().getTime(),
      (held) => ({ serviceId: held.serviceId, createdBy: held.createdBy, kind: held.file.kind }),
    );
    this.ids = new SignedIds(opts.secret ?? randomBytes(32), 'files');
    this.setBaseUrl(opts.baseUrl ?? '');
    this.ttlMs = opts.ttlMs ?? LINK_TTL_MS;
  }

  /** Where links point: PUBLIC_BASE_URL, else the bot's own listening address once known. */
  setBaseUrl(url: string): void {
    this.baseUrl = url.replace(/\/+$/, '');
  }

  /** Holds `file` for `actor` and returns the one-time link; the creation is audited. */
  async offer(actor: Actor, file: FileToOffer): Promise<OfferedFile> {
    this.purge();
    const { id, token } = this.ids.issue();
    const expiresAt = this.deps.clock.now().getTime() + this.ttlMs;
    await audit(this.deps, actor, {
      action: 'file.create',
      outcome: 'ok',
      caseId: file.caseId,
      caseRef: file.caseRef,
      detail: { kind: file.kind, file: id, bytes: file.body.length, expiresAt: new Date(expiresAt).toISOString() },
    });
    this.hold(id, { file, serviceId: actor.serviceId, createdBy: actor.aadObjectId, expiresAt });
    offersThisTurn.getStore()?.push({ actor, file });
    return { url: `${this.baseUrl}/files/${token}`, expiresAt: new Date(expiresAt), filename: file.filename };
  }

  /**
   * Hands out the file named by `token` once. The download is audited under the person who asked for
   * the link; a refusal of a link we issued is audited too (unknown or altered links name no service).
   */
  async take(token: string): Promise<TakeResult> {
    this.purge();
    const checked = this.ids.check(token);
    if ('refused' in checked) return { kind: 'refused', reason: checked.refused };
    const { id } = checked;
    const held = this.holding(id);
    if (!held) {
      const g = this.wentAway(id);
      if (!g) return { kind: 'refused', reason: 'unknown' };
      await audit(
        this.deps,
        { aadObjectId: g.about.createdBy, serviceId: g.about.serviceId },
        { action: 'file.download', outcome: 'refused', detail: { kind: g.about.kind, file: id, reason: g.reason } },
      );
      return { kind: 'refused', reason: g.reason };
    }
    // Single use: gone from the holder before anything is awaited, so two racing requests cannot both have it.
    this.drop(id, held, 'used');
    await audit(
      this.deps,
      { aadObjectId: held.createdBy, serviceId: held.serviceId },
      {
        action: 'file.download',
        outcome: 'ok',
        caseId: held.file.caseId,
        caseRef: held.file.caseRef,
        detail: { kind: held.file.kind, file: id, bytes: held.file.body.length },
      },
    );
    return { kind: 'ok', file: held.file };
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
