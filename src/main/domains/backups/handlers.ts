import { contract } from '../../../shared/contract';
import { implement } from '../../host/router';

export const backupHandlers = implement(contract.backups, {
  list: (_, { services }) => services.backups.list(),
  create: (_, { services, actor }) => services.backups.create(actor),
  settings: (_, { services }) => services.backups.settings(),
  saveSettings: (input, { services, actor }) => services.backups.saveSettings(actor, input),
  restore: (input, { services, actor }) => services.backups.restore(actor, input.file),
});
