import { z } from 'zod';
import { PERMISSIONS, ROLES } from '../permissions';
import { Id, PersonName, Pin, Void } from './common';
import { procedure } from './define';
import { SessionInfo, StaffRow } from './system';

export const RoleMatrix = z.record(z.enum(ROLES), z.array(z.enum(PERMISSIONS)));

export const staff = {
  roster: procedure({
    input: Void,
    output: z.array(StaffRow.omit({ active: true })),
    permission: 'public',
  }),
  signIn: procedure({
    input: z.object({ staffId: Id, pin: z.string().max(16) }),
    output: SessionInfo,
    permission: 'public',
  }),
  session: procedure({ input: Void, output: SessionInfo.nullable(), permission: 'public' }),
  lock: procedure({ input: Void, output: Void, permission: 'session' }),
  signOut: procedure({ input: Void, output: Void, permission: 'public' }),
  list: procedure({ input: Void, output: z.array(StaffRow), permission: 'staff.view' }),
  create: procedure({
    input: z.object({ name: PersonName, role: z.enum(ROLES), pin: Pin }),
    output: StaffRow,
    permission: 'staff.manage',
  }),
  update: procedure({
    input: z.object({
      id: Id,
      name: PersonName.optional(),
      role: z.enum(ROLES).optional(),
      active: z.boolean().optional(),
      pin: Pin.optional(),
    }),
    output: StaffRow,
    permission: 'staff.manage',
  }),
  /** what each role may do: the owner's choices, else the defaults (and the defaults, for "back to defaults") */
  roles: procedure({
    input: Void,
    output: z.object({ current: RoleMatrix, defaults: RoleMatrix }),
    permission: 'staff.view',
  }),
  /** the owner changes what managers or cashiers may do; audited, and every signed-in session follows at once */
  setRolePermissions: procedure({
    input: z.object({ role: z.enum(['manager', 'cashier']), permissions: z.array(z.enum(PERMISSIONS)).max(100) }),
    output: RoleMatrix,
    permission: 'staff.manage',
  }),
};
