import { forbiddenCard } from '../../cards/notice';
import { staffCard } from '../../cards/staff';
import { ROLE_LABELS } from '../../domain/roles';
import { saveStaff } from '../../services/staff/staff';
import type { VerbHandler } from '../handler';
import { currentStaff } from './currentStaff';

export const staffSubmit: VerbHandler = {
  verb: 'staff.submit',
  async handle({ deps, actor, data }) {
    const outcome = await saveStaff(deps, actor, data);
    switch (outcome.kind) {
      case 'forbidden':
        return forbiddenCard(outcome.message);
      case 'ok':
        return staffCard(actor, await currentStaff(deps, actor), {
          banner: `Saved: ${outcome.value.name}, ${ROLE_LABELS[outcome.value.role]}.`,
          bannerStyle: 'good',
        });
      case 'invalid':
        return staffCard(actor, await currentStaff(deps, actor), {
          data,
          errors: outcome.errors,
          banner: 'Please correct the problems below. Nothing was saved.',
          bannerStyle: 'attention',
        });
      default:
        return staffCard(actor, await currentStaff(deps, actor), {
          data,
          banner: outcome.message,
          bannerStyle: 'warning',
        });
    }
  },
};
