import { contract } from '../../../shared/contract';
import { implement } from '../../host/router';

export const auditHandlers = implement(contract.audit, {
  list: (input, { services }) => services.audit.list(input),
});
