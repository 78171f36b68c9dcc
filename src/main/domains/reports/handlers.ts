import { contract } from '../../../shared/contract';
import { implement } from '../../host/router';

export const reportHandlers = implement(contract.reports, {
  takings: (input, { services }) => services.reports.takings(input),
  salesBy: (input, { services }) => services.reports.salesBy(input),
  peaks: (input, { services }) => services.reports.peaks(input),
  basket: (input, { services }) => services.reports.basket(input),
  discounts: (input, { services }) => services.reports.discounts(input),
  taxes: (input, { services }) => services.reports.taxes(input),
  stock: (input, { services }) => services.reports.stock(input),
  filters: (_, { services }) => services.reports.filters(),
  export: (input, { services, actor }) => services.reports.export(actor, input),
});
