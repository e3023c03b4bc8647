import type { CaseRecord } from '../src/domain/case';
import { addDays } from '../src/domain/dates';
import { formatCaseRef } from '../src/domain/caseRef';
import type { Store } from '../src/store/types';
import { nhsNumberFor } from './lib';

/** The national digest's data: services, leads with conversation references, open cases (and history). */
export const serviceId = (s: number) => `svc-${String(s + 1).padStart(3, '0')}`;
export const leadId = (n: number) => `cccccccc-0000-0000-0000-${String(n).padStart(12, '0')}`;

export async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) await task(i);
    }),
  );
}

/** An open case (or with `history`, one discharged in an earlier year) of service `s`. */
export function caseFor(i: number, s: number, today: string, now: string, history: boolean): CaseRecord {
  const svc = serviceId(s);
  const name = `Patient ${i}`;
  const ot = {
    aadObjectId: `dddddddd-0000-0000-0000-${String(s * 10 + (i % 4)).padStart(12, '0')}`,
    name: `OT ${i % 4}`,
  };
  const referred = !history && i % 10 === 0;
  const referredOn = history ? addDays(today, -400 - (i % 1500)) : addDays(today, -(i % 45) - 1);
  return {
    id: `case-${String(i).padStart(6, '0')}`,
    serviceId: svc,
    ref: formatCaseRef(i + 1),
    status: history ? 'discharged' : referred ? 'referred' : 'active',
    patient: { name, nameKey: name.toLowerCase(), nhsNumber: nhsNumberFor(i), dateOfBirth: '1966-05-14' },
    referral: {
      eventType: 'MI',
      eventDate: addDays(referredOn, -5),
      employmentStatus: 'employed',
      occupation: 'Driver',
      jobDemands: ['driving'],
      fitNoteStatus: 'not_fit',
      contactPreference: 'telephone',
      consent: true,
      referredOn,
    },
    referredBy: { aadObjectId: 'eeeeeeee-0000-0000-0000-000000000001', name: 'A Nurse' },
    ...(referred ? {} : { assignedOt: ot, acceptedOn: addDays(referredOn, 1) }),
    // Fit notes ending over the next 60 days: about 8 in 60 fall inside a 7-day window.
    fitNotes: [
      {
        id: `fn-${i}`,
        status: 'not_fit',
        advice: [],
        startDate: referredOn,
        endDate: history ? addDays(referredOn, 30) : addDays(today, i % 60),
        recordedAt: now,
        recordedBy: 'eeeeeeee-0000-0000-0000-000000000001',
      },
    ],
    sessions: referred
      ? []
      : [
          {
            id: `s-${i}`,
            date: history ? addDays(referredOn, 10) : addDays(today, -(i % 30)),
            mode: 'telephone',
            durationMinutes: 30,
            topics: [],
            notes: 'Call.',
            recordedAt: now,
            recordedBy: ot,
          },
        ],
    ...(history
      ? { discharge: { outcome: 'returned_full' as const, date: addDays(referredOn, 90), by: ot, recordedAt: now } }
      : {}),
    createdAt: new Date(Date.parse(now) - (100_000 - i) * 1000).toISOString(),
    updatedAt: now,
  };
}

/** Leads spread over the services (3 or 4 each), each with a 1:1 conversation reference, then the cases. */
export async function seedDigest(
  store: Store,
  o: {
    services: number;
    leads: number;
    open: number;
    history: number;
    connectorUrl: string;
    today: string;
    now: string;
  },
): Promise<void> {
  await pool(o.leads, 8, async (n) => {
    const aad = leadId(n);
    const svc = serviceId(n % o.services);
    await store.staff.save({
      aadObjectId: aad,
      serviceId: svc,
      name: `Lead ${n}`,
      role: 'lead',
      addedBy: 'bench',
      updatedAt: o.now,
    });
    await store.conversations.save({
      id: aad,
      serviceId: svc,
      reference: {
        serviceUrl: o.connectorUrl,
        channelId: 'msteams',
        conversation: {
          id: `a:personal-${aad}`,
          conversationType: 'personal',
          tenantId: '11111111-2222-3333-4444-555555555555',
        },
        user: { id: `29:${aad}`, aadObjectId: aad },
        bot: { id: '28:my-bot-app-id', name: 'Rehab Bot' },
      },
      updatedAt: o.now,
    });
  });
  await pool(o.open + o.history, 16, async (i) => {
    await store.cases.create(caseFor(i, i % o.services, o.today, o.now, i >= o.open));
  });
}
