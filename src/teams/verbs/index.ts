import type { VerbHandler } from '../handler';
import { caseDischarge } from './caseDischarge';
import { caseRefresh } from './caseRefresh';
import { digestPage } from './digestPage';
import { mydayPage } from './mydayPage';
import { fitnoteSubmit } from './fitnoteSubmit';
import { followupSubmit } from './followupSubmit';
import { navOpen } from './navOpen';
import { planAddPhase, planSubmit } from './planSubmit';
import { referralAccept } from './referralAccept';
import { referralDecline } from './referralDecline';
import { sessionSubmit } from './sessionSubmit';
import { referralSubmit } from './referralSubmit';
import { reportPdf } from './reportPdf';
import { reportSubmit } from './reportSubmit';
import { staffRemove } from './staffRemove';
import { staffSubmit } from './staffSubmit';

/** The verb table: one handler per Action.Execute verb (CONTRACT §3). */
export const VERBS: ReadonlyMap<string, VerbHandler> = new Map(
  [
    referralSubmit,
    staffSubmit,
    staffRemove,
    referralAccept,
    referralDecline,
    sessionSubmit,
    fitnoteSubmit,
    planSubmit,
    planAddPhase,
    caseDischarge,
    followupSubmit,
    digestPage,
    mydayPage,
    reportPdf,
    reportSubmit,
    navOpen,
    caseRefresh,
  ].map((v) => [v.verb, v]),
);
