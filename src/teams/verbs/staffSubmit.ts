import { forbiddenCard } from '../../cards/notice';
import { staffCard } from '../../cards/staff';
import { ROLE_LABELS } from '../../domain/roles';
import { NAME_UNTIL_FIRST_CONTACT } from '../../domain/staff';
import { saveStaff } from '../../services/staff/staff';
import { serviceNameOf } from '../../services/core/context';
import type { VerbHandler } from '../handler';
import { currentStaff } from './currentStaff';

/**
 * The person is the people picker's value (`aadObjectId`, their Entra object id), or, where a client
 * shows no picker (Teams mobile, Agents Playground), the id typed in `aadObjectIdTyped`.
 */
export function pickedOrTyped(data: Record<string, unknown>): Record<string, unknown> {
  const picked = typeof data.aadObjectId === 'string' ? data.aadObjectId.trim() : '';
  const typed = typeof data.aadObjectIdTyped === 'string' ? data.aadObjectIdTyped.trim() : '';
  return { ...data, aadObjectId: picked || typed };
}

export const staffSubmit: VerbHandler = {
  verb: 'staff.submit',
  async handle({ deps, actor, data }) {
    const serviceName = serviceNameOf(deps, actor.serviceId);
    const outcome = await saveStaff(deps, actor, pickedOrTyped(data));
    switch (outcome.kind) {
      case 'forbidden':
        return forbiddenCard(outcome.message);
      case 'ok': {
        const { name, role, aadObjectId } = outcome.value;
        return staffCard(actor, await currentStaff(deps, actor), {
          serviceName,
          banner:
            name === NAME_UNTIL_FIRST_CONTACT
              ? `Saved: ${aadObjectId}, ${ROLE_LABELS[role]}. Their name is taken from Teams when they first write to the bot.`
              : `Saved: ${name}, ${ROLE_LABELS[role]}.`,
          bannerStyle: 'good',
        });
      }
      case 'invalid':
        return staffCard(actor, await currentStaff(deps, actor), {
          serviceName,
          data,
          errors: outcome.errors,
          banner: 'Please correct the problems below. Nothing was saved.',
          bannerStyle: 'attention',
        });
      default:
        return staffCard(actor, await currentStaff(deps, actor), {
          serviceName,
          data,
          banner: outcome.message,
          bannerStyle: 'warning',
        });
    }
  },
};
