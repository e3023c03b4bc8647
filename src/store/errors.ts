/** Typed store failures, so that services never inspect Cosmos status codes. */
export class StoreError extends Error {}

/** A create found the id taken: for idempotent submits this means "already done". */
export class AlreadyExistsError extends StoreError {
  constructor() {
    super('already exists');
  }
}

/** A replace carried an etag that is no longer current: somebody else saved first. */
export class StaleWriteError extends StoreError {
  constructor() {
    super('stale etag');
  }
}

/** Another case holds the open-case claim of this patient in this service (CONTRACT §8). */
export class OpenCaseClaimedError extends StoreError {
  constructor(readonly caseId: string) {
    super('an open case holds the claim');
  }
}

/**
 * The case reference read for this referral (CaseRepository.peekRef) was taken by another referral of
 * the same service before ours was written; nothing was written. Read again, or take the next number.
 */
export class ReferenceTakenError extends StoreError {
  constructor() {
    super('case reference taken');
  }
}

/** A file too large to hold in the store for download (see FILE_MAX_BYTES). */
export class FileTooLargeError extends StoreError {
  constructor(readonly bytes: number) {
    super('file too large to hold');
  }
}

/** The store did not answer (down, unreachable, timing out). Nothing was written by this call. */
export class StoreUnavailableError extends StoreError {
  constructor(cause?: unknown) {
    super('store unavailable', { cause });
  }
}

function statusOf(e: unknown): number | undefined {
  const code = (e as { code?: unknown })?.code;
  if (typeof code === 'number') return code;
  const status = (e as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Maps an SDK error to a typed one; anything without an HTTP status is the store being away. */
export function translateCosmosError(e: unknown): Error {
  const status = statusOf(e);
  if (status === 409) return new AlreadyExistsError();
  if (status === 412) return new StaleWriteError();
  if (status === undefined || status >= 500 || status === 408 || status === 429) return new StoreUnavailableError(e);
  return e instanceof Error ? e : new StoreError(String(e));
}

export function isNotFound(e: unknown): boolean {
  return statusOf(e) === 404;
}
