import { z } from 'zod';
import { ROLES, type Role } from './roles';
import { parseForm, type FormResult } from './form';

/**
 * What the AHP Health and Work Report says about the practitioner who writes it, kept once on their
 * staff record and filled in for them on every report (`report.submit` saves it).
 */
export interface PractitionerDetails {
  /** An HCPC-registered profession (`HCPC_PROFESSIONS` in domain/employerReport.ts). */
  profession: string;
  /** HCPC registration number, e.g. OT12345. */
  registrationNumber: string;
  organisation: string;
  /** Address, telephone or email the employer may use. */
  contactDetails: string;
}

export interface StaffMember {
  /** Azure AD object id: the identity Teams vouches for. */
  aadObjectId: string;
  serviceId: string;
  name: string;
  role: Role;
  addedBy: string;
  updatedAt: string;
  /** Their AHP report details, once they have written a report. */
  practitioner?: PractitionerDetails;
  /** True: the OT turned their morning "my day" list off (`today off`); false or absent: it is on. */
  myDayOff?: boolean;
}

const AAD_OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isAadObjectId(value: string): boolean {
  return AAD_OBJECT_ID.test(value);
}

export const staffFormShape = {
  aadObjectId: z
    .string()
    .trim()
    .min(1, 'Enter the person’s Teams (Azure AD) object id.')
    .refine(isAadObjectId, 'This is not an Azure AD object id (8-4-4-4-12 hexadecimal characters).')
    .transform((v) => v.toLowerCase()),
  name: z.string().trim().min(1, 'Enter the person’s name.').max(100, 'Keep the name under 100 characters.'),
  role: z.enum(ROLES, { error: 'Choose nurse, OT or lead.' }),
};

export type StaffForm = { aadObjectId: string; name: string; role: Role };

export function validateStaffForm(data: Record<string, unknown>): FormResult<StaffForm> {
  return parseForm(staffFormShape, data);
}
