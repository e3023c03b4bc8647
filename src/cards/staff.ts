import type { FieldErrors } from '../domain/form';
import { ROLE_LABELS } from '../domain/roles';
import type { StaffMember } from '../domain/staff';
import type { Actor } from '../services/core/context';
import { formErrors, formValues } from './forms';
import type { NoticeStyle } from './notice';
import { renderCard, type AdaptiveCard } from './render';

/** `aadObjectId` is the people picker; `aadObjectIdTyped` the id typed where no picker shows. */
const FIELDS = ['aadObjectId', 'aadObjectIdTyped', 'name', 'role'] as const;

export interface StaffCardOptions {
  banner?: string;
  bannerStyle?: NoticeStyle;
  data?: Record<string, unknown>;
  errors?: FieldErrors;
  /** The person a Remove was pressed for: the card asks to confirm, naming them. */
  confirmRemove?: StaffMember;
  /** The service's display name (SERVICE_NAMES); defaults to its id. */
  serviceName?: string;
}

export function staffCard(actor: Actor, members: StaffMember[], opts: StaffCardOptions = {}): AdaptiveCard {
  const confirm = opts.confirmRemove;
  return renderCard('staff', {
    serviceName: opts.serviceName ?? actor.serviceId,
    banner: opts.banner ?? '',
    bannerStyle: opts.bannerStyle ?? 'default',
    confirm: {
      aadObjectId: confirm?.aadObjectId ?? '',
      name: confirm?.name ?? '',
      roleLabel: confirm ? ROLE_LABELS[confirm.role] : '',
    },
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
