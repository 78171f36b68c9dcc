import type { contract } from '../../../shared/contract';
import type { insightsFiles } from '../../../shared/contract/insights-files';
import type { DomainHandlers } from '../../host/router';

type FilesHandlers = Pick<DomainHandlers<typeof contract.insights>, keyof typeof insightsFiles>;

/** The Insights screens' procedures (contract/insights-files.ts), spread into the insights handlers. */
export const insightsFilesHandlers: FilesHandlers = {
  dashboard: (input, { services }) => services.insightsThread.run('dashboard', input),
  customerList: (input, { services }) => services.insightsThread.run('customerList', input),
  export: (input, { services, actor }) => services.insightsFiles.export(actor, input),
  customerHint: (input, { services }) => services.insightsFiles.customerHint(input.customerId),
};
