import type { Container } from '@azure/cosmos';
import type { StaffMember } from '../domain/staff';
import { toMember, type StaffDoc } from './cosmosStaff';
import { queryAcrossServices } from './query';
import type { LeadDirectory } from './types';

/**
 * Who gets a digest: every lead of every service. This is a staff-directory look-up across services
 * (like identifying a Teams user), never a read of patient data; each digest is then built inside
 * the lead's own service.
 */
export class CosmosLeadDirectory implements LeadDirectory {
  constructor(private readonly staff: Container) {}

  async listLeads(): Promise<StaffMember[]> {
    const docs = await queryAcrossServices<StaffDoc>(this.staff, "SELECT * FROM c WHERE c.role = 'lead'");
    return docs
      .map(toMember)
      .sort((a, b) => a.serviceId.localeCompare(b.serviceId) || a.aadObjectId.localeCompare(b.aadObjectId));
  }
}
