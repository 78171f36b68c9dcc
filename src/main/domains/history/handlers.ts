import { contract } from '../../../shared/contract';
import { implement } from '../../host/router';

export const historyHandlers = implement(contract.history, {
  summary: (input, { services }) => services.customerHistory.summary(input.customerId),
  orders: (input, { services }) => services.customerHistory.orders(input),
  refunds: (input, { services }) => services.customerHistory.refundsOf(input),
  order: (input, { services }) => services.customerHistory.order(input.id),
  export: async (input, { services, actor }) => {
    const file = await services.customerHistory.export(actor, input);
    return { fileName: file.fileName, mimeType: file.mimeType, base64: file.bytes.toString('base64'), rows: file.rows };
  },
});
