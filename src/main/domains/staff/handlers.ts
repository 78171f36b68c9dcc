import { contract } from '../../../shared/contract';
import { implement } from '../../host/router';

export const staffHandlers = implement(contract.staff, {
  roster: (_, { services }) => services.staff.roster(),
  signIn: (input, { services, clientKey }) => services.staff.signIn(clientKey, input.staffId, input.pin),
  session: (_, { services, session }) => (session ? services.staff.info(session) : null),
  lock: (_, { services, clientKey }) => {
    services.staff.lock(clientKey);
    return null;
  },
  signOut: (_, { services, clientKey }) => {
    services.staff.signOut(clientKey);
    return null;
  },
  list: (_, { services }) => services.staff.list(),
  create: (input, { services, actor }) => services.staff.create(actor, input),
  update: (input, { services, actor }) => services.staff.update(actor, input),
  roles: (_input, { services }) => ({ current: services.roles.view(), defaults: services.roles.defaults() }),
  setRolePermissions: (input, { services, actor }) =>
    services.staff.setRolePermissions(actor, input.role, input.permissions),
});
