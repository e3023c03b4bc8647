import type { Role } from '../../domain/roles';

/** The person acting, as the staff directory knows them. Every use case takes one. */
export interface Actor {
  aadObjectId: string;
  name: string;
  role: Role;
  serviceId: string;
}
