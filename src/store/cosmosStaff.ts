import type { Container } from '@azure/cosmos';
import type { StaffMember } from '../domain/staff';
import { AlreadyExistsError, StaleWriteError } from './errors';
import {
  clean,
  createItem,
  deleteItem,
  deleteItemIfMatch,
  queryAcrossServices,
  queryService,
  readItem,
  replaceItem,
} from './query';
import type { StaffRepository, StaffSaveResult } from './types';

/**
 * The staff directory's partition: one document per person, whose id is their AAD object id. The id
 * is the store's own unique key, so a person can belong to one service only (a second create answers
 * 409), and "who is this Teams user?" is one point read on every turn, on every instance.
 */
export const PEOPLE_PARTITION = '_people';

/** A person's document: `staffOf` is their service (the partition key holds the directory's name). */
export type StaffDoc = Omit<StaffMember, 'serviceId'> & { id: string; serviceId: string; staffOf: string };

/** A directory document as a StaffMember, without its id and store fields. */
export function toMember(doc: StaffDoc): StaffMember {
  const { id, serviceId, staffOf, ...rest } = clean(doc) as StaffDoc & { _etag?: string };
  void id;
  delete (rest as { _etag?: string })._etag;
  // A document of the old layout (one partition per service) carries the service as its partition.
  return { ...rest, serviceId: staffOf ?? serviceId };
}

function toDoc(member: StaffMember): StaffDoc {
  const { serviceId, ...rest } = member;
  return { ...rest, id: member.aadObjectId.toLowerCase(), serviceId: PEOPLE_PARTITION, staffOf: serviceId };
}

const MAX_ATTEMPTS = 5;

export class CosmosStaffRepository implements StaffRepository {
  constructor(private readonly container: Container) {}

  async findByAadObjectId(aadObjectId: string) {
    const doc = await readItem<StaffDoc>(this.container, PEOPLE_PARTITION, aadObjectId.toLowerCase());
    return doc ? toMember(doc) : null;
  }

  async list(serviceId: string) {
    const docs = await queryService<StaffDoc>(
      this.container,
      PEOPLE_PARTITION,
      'SELECT * FROM c WHERE c.serviceId = @serviceId AND c.staffOf = @staffOf ORDER BY c.name',
      { staffOf: serviceId },
    );
    return docs.map(toMember);
  }

  async save(member: StaffMember): Promise<StaffSaveResult> {
    const doc = toDoc(member);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await readItem<StaffDoc>(this.container, PEOPLE_PARTITION, doc.id);
      try {
        if (!current) {
          await createItem(this.container, doc);
          return 'saved';
        }
        if (current.staffOf !== member.serviceId) return 'other_service';
        // What a practitioner keeps for their reports (profession, HCPC number) survives a lead's change of
        // their name or role, which does not carry it.
        // So does the OT's own choice about their "my day" list (`today off`).
        const kept = {
          ...doc,
          ...(!doc.practitioner && current.practitioner ? { practitioner: current.practitioner } : {}),
          ...(doc.myDayOff === undefined && current.myDayOff !== undefined ? { myDayOff: current.myDayOff } : {}),
        };
        await replaceItem(this.container, kept, current._etag);
        return 'saved';
      } catch (e) {
        // Someone added or changed this person between our read and our write: decide again on what is there now.
        if (!(e instanceof AlreadyExistsError || e instanceof StaleWriteError)) throw e;
      }
    }
    throw new StaleWriteError();
  }

  async remove(serviceId: string, aadObjectId: string) {
    const id = aadObjectId.toLowerCase();
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await readItem<StaffDoc>(this.container, PEOPLE_PARTITION, id);
      if (!current || current.staffOf !== serviceId) return false;
      // Guarded by the etag: a person moved to another service meanwhile is not removed from it.
      if (await deleteItemIfMatch(this.container, PEOPLE_PARTITION, id, current._etag)) return true;
    }
    throw new StaleWriteError();
  }

  async migrate() {
    // Staff documents of the old layout (one partition per service; identity data only, no patient data).
    const legacy = await queryAcrossServices<StaffDoc>(this.container, 'SELECT * FROM c WHERE c.serviceId != @people', {
      people: PEOPLE_PARTITION,
    });
    let moved = 0;
    for (const old of legacy) {
      const member = toMember(old);
      try {
        await createItem(this.container, toDoc(member));
        moved += 1;
      } catch (e) {
        // Already in the directory (another instance moved it, or a person listed in two services before:
        // the first moved keeps them, the other service's entry is dropped).
        if (!(e instanceof AlreadyExistsError)) throw e;
      }
      await deleteItem(this.container, old.serviceId, old.id);
    }
    return moved;
  }
}
