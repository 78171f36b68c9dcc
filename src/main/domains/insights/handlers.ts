import { contract } from '../../../shared/contract';
import { implement } from '../../host/router';
import { insightsFilesHandlers } from './files-handlers';

export const insightsHandlers = implement(contract.insights, {
  ...insightsFilesHandlers,
  topCustomers: (input, { services }) => services.insights.topCustomers(input),
  inactiveCustomers: (input, { services }) => services.insights.inactiveCustomers(input),
  newVsReturning: (input, { services }) => services.insights.newVsReturning(input),
  customerSales: (input, { services }) => services.insights.customerSales(input),
  rfm: (input, { services }) => services.insights.rfm(input),
  rhythm: (input, { services }) => services.insights.rhythm(input),
  settings: (_input, { services }) => services.insightsSettings.get(),
  updateSettings: (input, { services, actor }) => services.insightsSettings.update(actor, input),
  clv: (input, { services }) => services.insights.clv(input),
  clvHoldout: (input, { services }) => services.insights.clvHoldout(input),
  cohorts: (input, { services }) => services.insights.cohorts(input),
  customerAnalysis: (input, { services }) => services.insights.customerAnalysis(input),
});
