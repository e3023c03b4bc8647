import { z } from 'zod';
import { ROLES, type Role } from './roles';
import { parseForm, required, type FormResult } from './form';

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

/**
 * The name a person added without one carries until they first write to the bot, when their Teams
 * display name replaces it (the people picker gives their id, and Teams their name).
 */
export const NAME_UNTIL_FIRST_CONTACT = 'Name not yet known (taken from Teams when they first write)';

export const staffFormShape = {
  aadObjectId: z
    .string(required('Pick the person, or type their Microsoft Entra object id.'))
    .trim()
    .min(1, 'Pick the person, or type their Microsoft Entra object id.')
    .refine(
      isAadObjectId,
      'This is not a Microsoft Entra object id (a GUID: 8-4-4-4-12 hexadecimal characters, e.g. 3f2a…-…).',
    )
    .transform((v) => v.toLowerCase()),
  /** Optional: left empty, the person's Teams display name is taken when they first write. */
  name: z.string().trim().max(100, 'Keep the name under 100 characters.').optional(),
  role: z.enum(ROLES, { error: 'Choose nurse, OT or lead.' }),
};

export type StaffForm = { aadObjectId: string; name?: string; role: Role };

export function validateStaffForm(data: Record<string, unknown>): FormResult<StaffForm> {
  return parseForm(staffFormShape, data);
}
