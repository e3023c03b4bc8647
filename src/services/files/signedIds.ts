import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * One-time ids handed to a client as `<128 random bits>.<HMAC of the id>` (download links, file
 * consent cards). The HMAC is keyed per process and per purpose (`domain`), so an altered token is
 * refused before any look-up and a token of one purpose is never valid for another.
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
