import { contract } from '../../../shared/contract';
import { implement } from '../../host/router';

export const loyaltyCardHandlers = implement(contract.loyaltyCards, {
  settings: (_, { services }) => services.loyaltyCards.settings(),
  updateSettings: (input, { services, actor }) => services.loyaltyCards.updateSettings(actor, input),
  list: (input, { services }) => services.loyaltyCards.list(input.customerId),
  issue: (input, { services, actor }) => services.loyaltyCards.issue(actor, input.customerId, input.cardNo),
  replace: (input, { services, actor }) =>
    services.loyaltyCards.replace(actor, input.customerId, input.reason, input.cardNo),
  markLost: (input, { services, actor }) => services.loyaltyCards.markLost(actor, input.customerId),
  find: (input, { services }) => services.loyaltyCards.find(input.code),
  printSlip: (input, { services, actor }) => services.loyaltyCards.printSlip(actor, input.customerId),
  sheetPdf: (input, { services, actor }) => services.loyaltyCards.sheetPdf(actor, input.customerIds),
  sheetSince: (input, { services, actor }) => services.loyaltyCards.sheetSince(actor, input.from),
});
