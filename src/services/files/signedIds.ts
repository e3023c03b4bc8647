import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../../store/types';

/**
 * One-time ids handed to a client as `<128 random bits>.<HMAC of the id>` (download links, file
 * consent cards). The HMAC is keyed per purpose (`domain`) with a key kept in the store, so every
 * instance checks what any instance issued, an altered token is refused before any look-up, and a
 * token of one purpose is never valid for another. No operator makes the key: the first instance to
 * need it creates it (counters.secret), and every later caller reads that one.
 */
export class SignedIds {
  constructor(
    private readonly secret: Buffer,
    private readonly domain: string,
  ) {}

  private sign(id: string): string {
    return createHmac('sha256', this.secret).update(`${this.domain}:${id}`).digest('base64url');
  }

  /** A fresh random id and the token that names it. */
  issue(): { id: string; token: string } {
    const id = randomBytes(16).toString('base64url');
    return { id, token: `${id}.${this.sign(id)}` };
  }

  /** The id a token names, or why it is refused; compared in constant time. */
  check(token: unknown): { id: string } | { refused: 'malformed' | 'bad_signature' } {
    const m = typeof token === 'string' ? /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(token) : null;
    if (!m) return { refused: 'malformed' };
    const expected = Buffer.from(this.sign(m[1]));
    const given = Buffer.from(m[2]);
    return given.length === expected.length && timingSafeEqual(given, expected)
      ? { id: m[1] }
      : { refused: 'bad_signature' };
  }
}

/** Where the signing key of one-time files is kept (the counters container, a partition of its own). */
export const FILE_KEY_PARTITION = '_files';

const keys = new WeakMap<Store, Promise<Buffer>>();

/** The store's file-signing key, read once per process (it never changes); a failed read is tried again next time. */
export function fileSigningKey(store: Store): Promise<Buffer> {
  let key = keys.get(store);
  if (!key) {
    key = store.counters.secret(FILE_KEY_PARTITION, 'file-signing').then((s) => Buffer.from(s, 'base64url'));
    key.catch(() => keys.delete(store));
    keys.set(store, key);
  }
  return key;
}

/** Signed ids of one purpose, keyed with the store's key (or `secret`, for tests of one process). */
export async function signedIds(store: Store, domain: string, secret?: Buffer): Promise<SignedIds> {
  return new SignedIds(secret ?? (await fileSigningKey(store)), domain);
}
