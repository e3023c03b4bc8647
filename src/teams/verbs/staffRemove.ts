import { forbiddenCard } from '../../cards/notice';
import { staffCard } from '../../cards/staff';
import { can } from '../../domain/roles';
import { listStaff, removeStaff } from '../../services/staff/staff';
import { serviceNameOf } from '../../services/core/context';
import type { VerbHandler } from '../handler';
import { currentStaff } from './currentStaff';

/**
 * Remove beside a person: first the staff card asking to confirm, naming them (nothing changes);
 * the confirming button carries `confirm: true` and removes. Both buttons carry their own subject and
 * send no inputs (`associatedInputs: "none"`), so the "add or change" fields never stand in for it.
 */
export const staffRemove: VerbHandler = {
  verb: 'staff.remove',
  async handle({ deps, actor, data }) {
    const serviceName = serviceNameOf(deps, actor.serviceId);
    const id = typeof data.aadObjectId === 'string' ? data.aadObjectId.trim().toLowerCase() : '';
    // Not confirmed yet: ask, naming them. A refusal (not a lead, themselves, nobody of the service)
    // needs no confirming: removeStaff answers and audits it below.
    if (data.confirm !== true && data.confirm !== 'true' && can(actor.role, 'staff.manage')) {
      const listed = await listStaff(deps, actor);
      const members = listed.kind === 'ok' ? listed.value : [];
      const person = members.find((m) => m.aadObjectId === id);
      if (person && id !== actor.aadObjectId.toLowerCase())
        return staffCard(actor, members, {
          serviceName,
          confirmRemove: person,
        });
    }
    const outcome = await removeStaff(deps, actor, data.aadObjectId);
    switch (outcome.kind) {
      case 'forbidden':
        return forbiddenCard(outcome.message);
      case 'ok':
        return staffCard(actor, await currentStaff(deps, actor), {
          serviceName,
          banner: `Removed ${outcome.value.name} from ${serviceName}.`,
          bannerStyle: 'good',
        });
      case 'invalid':
        return staffCard(actor, await currentStaff(deps, actor), {
          serviceName,
          banner: Object.values(outcome.errors).join(' '),
          bannerStyle: 'warning',
        });
      default:
        return staffCard(actor, await currentStaff(deps, actor), {
          serviceName,
          banner: outcome.message,
          bannerStyle: 'warning',
        });
    }
  },
};
