import { staffCard } from '../../cards/staff';
import { serviceNameOf } from '../../services/core/context';
import { listStaff } from '../../services/staff/staff';
import type { CommandHandler } from '../handler';
import { cardFor } from '../outcomeCards';

export const staff: CommandHandler = {
  name: 'staff',
  usage: 'staff',
  summary: 'See and manage your service’s staff',
  permission: 'staff.manage',
  async handle({ deps, actor }) {
    return [
      cardFor(await listStaff(deps, actor), (members) =>
        staffCard(actor, members, { serviceName: serviceNameOf(deps, actor.serviceId) }),
      ),
    ];
  },
};
