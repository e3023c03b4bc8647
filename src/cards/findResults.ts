import { STATUS_LABELS } from '../domain/case';
import { formatDate } from '../domain/dates';
import { formatNhsNumber } from '../domain/nhsNumber';
import type { FindResult } from '../services/cases/find';
import { renderCard, type AdaptiveCard } from './render';

export function findResultsCard(result: FindResult): AdaptiveCard {
  const n = result.cases.length;
  return renderCard('find-results', {
    heading: n === 0 ? 'No matching cases' : `${n} matching case${n === 1 ? '' : 's'}`,
    subheading:
      n === 0
        ? result.statusOnly
          ? 'You can find the patients you referred, by reference, NHS number or name.'
          : 'Search by reference (RTW-0042), NHS number or part of the name.'
        : `For “${result.query.slice(0, 60)}”`,
    rows: result.cases.map((c) => ({
      ref: c.ref,
      name: c.patient.name,
      // Nurses see status only; clinical staff also see who has the case.
      detail: [
        `NHS ${formatNhsNumber(c.patient.nhsNumber)}`,
        STATUS_LABELS[c.status],
        result.statusOnly
          ? `referred ${formatDate(c.referral.referredOn)}`
          : c.assignedOt
            ? `OT: ${c.assignedOt.name}`
            : 'no OT yet',
      ].join(' · '),
    })),
  });
}
