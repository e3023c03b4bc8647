import type { VerbHandler } from '../handler';
import { referralSubmit } from './referralSubmit';
import { staffRemove } from './staffRemove';
import { staffSubmit } from './staffSubmit';

/** The verb table: one handler per Action.Execute verb (CONTRACT §3). */
export const VERBS: ReadonlyMap<string, VerbHandler> = new Map([referralSubmit, staffSubmit, staffRemove].map((v) => [v.verb, v]));
