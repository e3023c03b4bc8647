import type { FieldErrors } from '../domain/form';
import { ROLE_LABELS } from '../domain/roles';
import type { StaffMember } from '../domain/staff';
import type { Actor } from '../services/core/context';
import { formErrors, formValues } from './forms';
import type { NoticeStyle } from './notice';
import { renderCard, type AdaptiveCard } from './render';

const FIELDS = ['aadObjectId', 'name', 'role'] as const;

export interface StaffCardOptions {
  banner?: string;
  bannerStyle?: NoticeStyle;
  data?: Record<string, unknown>;
  errors?: FieldErrors;
}

export function staffCard(actor: Actor, members: StaffMember[], opts: StaffCardOptions = {}): AdaptiveCard {
  return renderCard('staff', {
    serviceId: actor.serviceId,
    banner: opts.banner ?? '',
    bannerStyle: opts.bannerStyle ?? 'default',
    members: members.map((m) => ({
      name: m.name,
      roleLabel: ROLE_LABELS[m.role],
      aadObjectId: m.aadObjectId,
      removable: m.aadObjectId !== actor.aadObjectId.toLowerCase(),
    })),
    values: formValues(FIELDS, opts.data ?? {}),
    errors: formErrors(FIELDS, opts.errors),
  });
}
