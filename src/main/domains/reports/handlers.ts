import { contract } from '../../../shared/contract';
import { implement } from '../../host/router';

export const reportHandlers = implement(contract.reports, {
  takings: (input, { services }) => services.reports.takings(input),
  salesBy: (input, { services }) => services.reports.salesBy(input),
});
