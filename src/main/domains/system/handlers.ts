import { contract } from '../../../shared/contract';
import { implement } from '../../host/router';

export const systemHandlers = implement(contract.system, {
  status: (_, { services }) => services.system.status(),
  onboard: (input, { services }) => {
    services.system.onboard(input);
    return null;
  },
  createDemoShop: (input, { services }) => services.system.createDemoShop(input),
});
