import { DateTime } from 'luxon';
import type { CaseAuditTrail } from '../services/cases/auditTrail';
import { renderCard, type AdaptiveCard } from './render';

export function auditTrailCard(trail: CaseAuditTrail, timezone: string): AdaptiveCard {
  return renderCard('audit', {
    ref: trail.record.ref,
    count: String(trail.entries.length),
    rows: trail.entries.map((e) => ({
      when: DateTime.fromISO(e.at).setZone(timezone).toFormat('d LLL yyyy HH:mm'),
      who: trail.names[e.actor] ?? e.actor,
      what: `${e.action} · ${e.outcome}`,
    })),
  });
}
