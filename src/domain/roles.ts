/** Who may do what (CONTRACT §1). Services check these; cards only hide what would be refused anyway. */
export const ROLES = ['nurse', 'ot', 'lead'] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  | 'refer'
  | 'case.readStatus' // nurse: status of the cases they referred
  | 'case.readFull' // notes, sessions, plans, fit notes
  | 'case.work' // accept, log, plan, fit notes, reports, discharge
  | 'digest'
  | 'stats'
  | 'export'
  | 'staff.manage'
  | 'audit.read';

const GRANTS: Record<Role, readonly Permission[]> = {
  nurse: ['refer', 'case.readStatus'],
  ot: ['refer', 'case.readStatus', 'case.readFull', 'case.work'],
  lead: [
    'refer',
    'case.readStatus',
    'case.readFull',
    'case.work',
    'digest',
    'stats',
    'export',
    'staff.manage',
    'audit.read',
  ],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export const ROLE_LABELS: Record<Role, string> = {
  nurse: 'Referring nurse',
  ot: 'Occupational therapist',
  lead: 'Service lead',
};
