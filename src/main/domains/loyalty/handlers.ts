import { contract } from '../../../shared/contract';
import { implement } from '../../host/router';

export const loyaltyHandlers = implement(contract.loyalty, {
  getProgram: (_, { services }) => services.loyalty.getProgram(),
  setProgram: (input, { services, actor }) => services.loyalty.setProgram(actor, input),
  tillSummary: (input, { services }) => services.loyalty.tillSummary(input.customerId),
  quote: (input, { services, actor }) =>
    services.loyalty.quote(input.cart, input.payments, () => services.sales.quote(actor, input.cart)),
  adjust: (input, { services, actor }) => services.loyalty.adjust(actor, input),
  runDaily: (_, { services, actor }) => services.loyalty.runDaily(actor),
});
