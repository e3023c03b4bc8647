import type { Container } from '@azure/cosmos';
import { FileTooLargeError, StaleWriteError } from './errors';
import { clean, createItem, deleteItem, queryService, readItem, replaceItem } from './query';
import type { FileRepository, HeldFile, Stored } from './types';

/**
 * Files handed out once live in the `jobs` container (short-lived work, where Azure's TTL is on) in a
 * partition of their own: a download link carries no service, and any instance must find it by id.
 */
export const FILES_PARTITION = '_files';

/** One part of a body: 1 MiB of bytes is 1.4 MB of base64, under Cosmos' 2 MB item limit. */
export const FILE_PART_BYTES = 1024 * 1024;
/**
 * The largest file held: 16 parts. A report PDF is tens of KB; an export CSV about 1 KB a case, so a
 * service's export reaches this at some 15,000 cases (the export then fails plainly, never half-given).
 */
export const FILE_MAX_BYTES = 16 * FILE_PART_BYTES;

interface PartDoc {
  id: string;
  serviceId: string;
  kind: 'file.part';
  data: string;
  forgetAt: string;
  ttl: number;
}

const partId = (id: string, n: number) => `${id}:part:${n}`;

/** Seconds until `at`, for Azure's per-item TTL (the embedded server ignores it; the purge removes them). */
function ttlUntil(at: string, now = Date.now()): number {
  return Math.max(60, Math.ceil((Date.parse(at) - now) / 1000) + 60);
}

export class CosmosFileRepository implements FileRepository {
  constructor(private readonly container: Container) {}

  async hold(file: Omit<HeldFile, 'serviceId' | 'kind' | 'parts' | 'state'>, body: Buffer) {
    if (body.length > FILE_MAX_BYTES) throw new FileTooLargeError(body.length);
    const parts = Math.max(1, Math.ceil(body.length / FILE_PART_BYTES));
    const ttl = ttlUntil(file.forgetAt);
    // The parts first: a record exists only once its whole body does.
    await Promise.all(
      Array.from({ length: parts }, (_, n) =>
        createItem<PartDoc>(this.container, {
          id: partId(file.id, n),
          serviceId: FILES_PARTITION,
          kind: 'file.part',
          data: body.subarray(n * FILE_PART_BYTES, (n + 1) * FILE_PART_BYTES).toString('base64'),
          forgetAt: file.forgetAt,
          ttl,
        }),
      ),
    );
    await createItem(this.container, {
      ...file,
      serviceId: FILES_PARTITION,
      kind: 'file.head' as const,
      state: 'held' as const,
      parts,
      ttl,
    });
  }

  async get(id: string) {
    const doc = await readItem<HeldFile>(this.container, FILES_PARTITION, id);
    return doc && doc.kind === 'file.head' ? clean(doc) : null;
  }

  async settle(file: Stored<HeldFile>, state: Exclude<HeldFile['state'], 'held'>, withBody: boolean) {
    let body: Buffer | undefined;
    if (withBody) {
      const parts = await Promise.all(
        Array.from({ length: file.parts }, (_, n) =>
          readItem<PartDoc>(this.container, FILES_PARTITION, partId(file.id, n)),
        ),
      );
      // A part gone means another instance has settled it and dropped the body.
      const present = parts.filter((p) => p !== null);
      if (present.length !== parts.length) return null;
      body = Buffer.concat(present.map((p) => Buffer.from(p.data, 'base64')));
    }
    const { _etag, ...plain } = file;
    try {
      // The one etag-guarded move out of `held`: of two instances racing, one wins, the other gets null.
      await replaceItem(this.container, { ...plain, state }, _etag);
    } catch (e) {
      if (e instanceof StaleWriteError) return null;
      throw e;
    }
    await this.dropBody(file);
    return body ? { body } : {};
  }

  private async dropBody(file: Pick<HeldFile, 'id' | 'parts'>) {
    await Promise.all(
      Array.from({ length: file.parts }, (_, n) => deleteItem(this.container, FILES_PARTITION, partId(file.id, n))),
    );
  }

  async purge(now: string) {
    const docs = await queryService<Stored<HeldFile> | (PartDoc & { _etag: string })>(
      this.container,
      FILES_PARTITION,
      "SELECT * FROM c WHERE c.serviceId = @serviceId AND (c.forgetAt <= @now OR (c.kind = 'file.head' AND c.state = 'held' AND c.expiresAt <= @now))",
      { now },
    );
    let changed = 0;
    for (const doc of docs) {
      if (doc.forgetAt <= now) {
        if (await deleteItem(this.container, FILES_PARTITION, doc.id)) changed += 1;
      } else if (doc.kind === 'file.head' && (await this.settle(clean(doc), 'expired', false))) changed += 1;
    }
    return changed;
  }

  async countHeld(purpose: HeldFile['purpose'], now: string) {
    const rows = await queryService<string>(
      this.container,
      FILES_PARTITION,
      "SELECT VALUE c.id FROM c WHERE c.serviceId = @serviceId AND c.kind = 'file.head' AND c.state = 'held' AND c.purpose = @purpose AND c.expiresAt > @now",
      { purpose, now },
    );
    return rows.length;
  }
}
