import { contract } from '../../../shared/contract';
import { implement } from '../../host/router';

export const salesHandlers = implement(contract.sales, {
  quote: (input, { services, actor }) => services.sales.quote(actor, input.cart, input.approval),
  complete: (input, { services, actor }) => services.sales.complete(actor, input),
  get: (input, { services }) => services.sales.get(input),
  void: (input, { services, actor }) => services.sales.void(actor, input),
  park: (input, { services, actor }) => services.parkedSales.park(actor, input),
  parked: (_, { services }) => services.parkedSales.list(),
  resume: (input, { services }) => services.parkedSales.resume(input.id),
  discardParked: (input, { services }) => {
    services.parkedSales.discard(input.id);
    return null;
  },
  lookupCode: (input, { services }) => services.codeLookup.lookup(input.code),
  approve: (input, { services, actor }) => services.sales.checkApprover(actor, input),
  settings: (_, { services }) => services.tillSettings.get(),
  updateSettings: (input, { services, actor }) => services.tillSettings.update(actor, input),
});
