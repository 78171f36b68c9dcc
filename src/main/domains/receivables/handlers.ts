import { contract } from '../../../shared/contract';
import { implement } from '../../host/router';

export const receivablesHandlers = implement(contract.receivables, {
  tillSummary: (input, { services }) => services.receivables.credit.summary(input.customerId),
  openDebits: (input, { services }) => services.receivables.openDebits(input.customerId),
  entries: (input, { services }) => services.receivables.history(input.customerId, input.cursor, input.limit),
  receivePayment: (input, { services, actor }) => services.receivables.payments.receive(actor, input),
  reversePayment: (input, { services, actor }) => services.receivables.payments.reverse(actor, input),
  creditNote: (input, { services, actor }) => services.receivables.adjustments.creditNote(actor, input),
  adjust: (input, { services, actor }) => services.receivables.adjustments.adjust(actor, input),
  writeOff: (input, { services, actor }) => services.receivables.adjustments.writeOff(actor, input),
  openingBalance: (input, { services, actor }) => services.receivables.adjustments.opening(actor, input),
  settings: (_, { services }) => services.receivables.settings.get(),
  updateSettings: (input, { services, actor }) => services.receivables.settings.update(actor, input),
});
