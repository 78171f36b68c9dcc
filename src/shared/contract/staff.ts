import { z } from 'zod';
import { ROLES } from '../permissions';
import { Id, PersonName, Pin, Void } from './common';
import { procedure } from './define';
import { SessionInfo, StaffRow } from './system';

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
};
