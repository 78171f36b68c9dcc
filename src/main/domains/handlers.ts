import { contract } from '../../shared/contract';
import { deviceHandlers } from '../devices/handlers';
import { type AllHandlers, implement } from '../host/router';
import { catalogHandlers } from './catalog/handlers';
import { customerHandlers } from './customers/handlers';
import { historyHandlers } from './history/handlers';
import { loyaltyCardHandlers } from './loyalty/card-handlers';
import { loyaltyHandlers } from './loyalty/handlers';
import { loyaltyReportHandlers } from './loyalty/report-handlers';
import { pricingHandlers } from './pricing/handlers';
import { receivablesHandlers } from './receivables/handlers';
import { debtHandlers } from './receivables/report-handlers';
import { refundHandlers } from './refunds/handlers';
import { salesHandlers } from './sales/handlers';

/** Every procedure of the contract, implemented by calling a service. Thin on purpose. */
export const handlers: AllHandlers = {
  system: implement(contract.system, {
    status: (_, { services }) => services.system.status(),
    onboard: (input, { services }) => {
      services.system.onboard(input);
      return null;
    },
    createDemoShop: (_, { services }) => services.system.createDemoShop(),
  }),
  staff: implement(contract.staff, {
    roster: (_, { services }) => services.staff.roster(),
    signIn: (input, { services, clientKey }) => services.staff.signIn(clientKey, input.staffId, input.pin),
    session: (_, { services, session }) => (session ? services.staff.info(session) : null),
    lock: (_, { services, clientKey }) => {
      services.staff.lock(clientKey);
      return null;
    },
    signOut: (_, { services, clientKey }) => {
      services.staff.signOut(clientKey);
      return null;
    },
    list: (_, { services }) => services.staff.list(),
    create: (input, { services, actor }) => services.staff.create(actor, input),
    update: (input, { services, actor }) => services.staff.update(actor, input),
  }),
  settings: implement(contract.settings, {
    get: (_, { services }) => ({ store: services.settings.store(), taxRates: services.settings.taxRates() }),
    updateStore: (input, { services, actor }) => services.settings.updateStore(actor, input),
    saveTaxRate: (input, { services, actor }) => services.settings.saveTaxRate(actor, input),
  }),
  audit: implement(contract.audit, {
    list: (input, { services }) => services.audit.list(input),
  }),
  customers: customerHandlers,
  catalog: catalogHandlers,
  sales: salesHandlers,
  devices: deviceHandlers,
  refunds: refundHandlers,
  history: historyHandlers,
  pricing: pricingHandlers,
  receivables: receivablesHandlers,
  debts: debtHandlers,
  loyaltyCards: loyaltyCardHandlers,
  loyaltyReports: loyaltyReportHandlers,
  loyalty: loyaltyHandlers,
};
