import type { Container } from '@azure/cosmos';
import type { StaffMember } from '../domain/staff';
import { clean, deleteItem, queryAcrossServices, queryService, upsertItem } from './query';
import type { StaffRepository } from './types';

export type StaffDoc = StaffMember & { id: string };

/** A staff document as a StaffMember: without its id (the lower-cased aadObjectId) and store fields. */
export function toMember(doc: StaffDoc): StaffMember {
  const { id, ...member } = clean(doc) as StaffDoc & { _etag?: string };
  void id;
  delete (member as { _etag?: string })._etag;
  return member;
}

export class CosmosStaffRepository implements StaffRepository {
  constructor(private readonly container: Container) {}

  async findByAadObjectId(aadObjectId: string) {
    const docs = await queryAcrossServices<StaffDoc>(this.container, 'SELECT * FROM c WHERE c.id = @id', {
      id: aadObjectId.toLowerCase(),
    });
    return docs[0] ? toMember(docs[0]) : null;
  }

  async list(serviceId: string) {
    const docs = await queryService<StaffDoc>(
      this.container,
      serviceId,
      'SELECT * FROM c WHERE c.serviceId = @serviceId ORDER BY c.name',
    );
    return docs.map(toMember);
  }

  async save(member: StaffMember) {
    await upsertItem(this.container, { ...member, id: member.aadObjectId.toLowerCase() });
  }

  async remove(serviceId: string, aadObjectId: string) {
    return deleteItem(this.container, serviceId, aadObjectId.toLowerCase());
  }
}
