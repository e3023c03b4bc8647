import { auditTrailCard } from '../../cards/auditTrail';
import { caseAuditTrail } from '../../services/cases/auditTrail';
import type { CommandHandler } from '../handler';
import { cardFor } from '../outcomeCards';

export const auditCommand: CommandHandler = {
  name: 'audit',
  usage: 'audit <ref>',
  summary: 'Who read or changed a case, and when',
  permission: 'audit.read',
  async handle({ deps, actor, args }) {
    return [cardFor(await caseAuditTrail(deps, actor, args), (trail) => auditTrailCard(trail, deps.timezone))];
  },
};
