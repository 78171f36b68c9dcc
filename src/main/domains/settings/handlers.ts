import { contract } from '../../../shared/contract';
import { implement } from '../../host/router';

export const settingsHandlers = implement(contract.settings, {
  get: (_, { services }) => ({ store: services.settings.store(), taxRates: services.settings.taxRates() }),
  updateStore: (input, { services, actor }) => services.settings.updateStore(actor, input),
  saveTaxRate: (input, { services, actor }) => services.settings.saveTaxRate(actor, input),
});
