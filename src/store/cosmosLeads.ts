import type { Container } from '@azure/cosmos';
import type { StaffMember } from '../domain/staff';
import { PEOPLE_PARTITION, toMember, type StaffDoc } from './cosmosStaff';
import { queryService } from './query';
import type { LeadDirectory } from './types';

/**
 * Who gets a digest: every lead of every service. A staff-directory look-up in the directory's own
 * partition (like identifying a Teams user), never a read of patient data; each digest is then built
 * inside the lead's own service.
 */
export class CosmosLeadDirectory implements LeadDirectory {
  constructor(private readonly staff: Container) {}

  async listLeads(): Promise<StaffMember[]> {
    return this.listRole('lead');
  }

  /** The OTs of every service: who may get a "my day" list (those who turned it off are left out by the caller). */
  async listOts(): Promise<StaffMember[]> {
    return this.listRole('ot');
  }

  private async listRole(role: 'lead' | 'ot'): Promise<StaffMember[]> {
    const docs = await queryService<StaffDoc>(
      this.staff,
      PEOPLE_PARTITION,
      'SELECT * FROM c WHERE c.serviceId = @serviceId AND c.role = @role',
      { role },
    );
    return docs
      .map(toMember)
      .sort((a, b) => a.serviceId.localeCompare(b.serviceId) || a.aadObjectId.localeCompare(b.aadObjectId));
  }
}
