import { contract } from '../../../shared/contract';
import { implement } from '../../host/router';

export const loyaltyReportHandlers = implement(contract.loyaltyReports, {
  customer: (input, { services }) => services.loyaltyReports.customer(input.customerId, input.cursor, input.limit),
  points: (input, { services }) => services.loyaltyReports.points(input),
  export: (input, { services, actor }) => {
    const { format, ...q } = input;
    return services.loyaltyReports.exportPoints(actor, q, format);
  },
});
