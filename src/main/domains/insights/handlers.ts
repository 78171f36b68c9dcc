import { contract } from '../../../shared/contract';
import { implement } from '../../host/router';
import { insightsFilesHandlers } from './files-handlers';

export const insightsHandlers = implement(contract.insights, {
  ...insightsFilesHandlers,
  topCustomers: (input, { services }) => services.insightsThread.run('topCustomers', input),
  inactiveCustomers: (input, { services }) => services.insightsThread.run('inactiveCustomers', input),
  newVsReturning: (input, { services }) => services.insightsThread.run('newVsReturning', input),
  customerSales: (input, { services }) => services.insightsThread.run('customerSales', input),
  rfm: (input, { services }) => services.insightsThread.run('rfm', input),
  rhythm: (input, { services }) => services.insights.rhythm(input),
  settings: (_input, { services }) => services.insightsSettings.get(),
  updateSettings: (input, { services, actor }) => services.insightsSettings.update(actor, input),
  clv: (input, { services }) => services.insights.clv(input),
  clvHoldout: (input, { services }) => services.insights.clvHoldout(input),
  cohorts: (input, { services }) => services.insightsThread.run('cohorts', input),
  customerAnalysis: (input, { services }) => services.insights.customerAnalysis(input),
});
