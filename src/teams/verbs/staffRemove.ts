import { forbiddenCard } from '../../cards/notice';
import { staffCard } from '../../cards/staff';
import { removeStaff } from '../../services/staff/staff';
import type { VerbHandler } from '../handler';
import { currentStaff } from './currentStaff';

export const staffRemove: VerbHandler = {
  verb: 'staff.remove',
  async handle({ deps, actor, data }) {
    const outcome = await removeStaff(deps, actor, data.aadObjectId);
    switch (outcome.kind) {
      case 'forbidden':
        return forbiddenCard(outcome.message);
      case 'ok':
        return staffCard(actor, await currentStaff(deps, actor), {
          banner: `Removed ${outcome.value.name} from the service.`,
          bannerStyle: 'good',
        });
      case 'invalid':
        return staffCard(actor, await currentStaff(deps, actor), {
          banner: Object.values(outcome.errors).join(' '),
          bannerStyle: 'warning',
        });
      default:
        return staffCard(actor, await currentStaff(deps, actor), { banner: outcome.message, bannerStyle: 'warning' });
    }
  },
};
