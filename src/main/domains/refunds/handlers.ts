import { contract } from '../../../shared/contract';
import { implement } from '../../host/router';

export const refundHandlers = implement(contract.refunds, {
  start: (input, { services }) => services.refunds.start(input),
  create: (input, { services, actor }) => services.refunds.create(actor, input),
  get: (input, { services }) => services.refunds.get(input),
  cancel: (input, { services, actor }) => services.refunds.cancel(actor, input),
});
