import type { AllHandlers } from '../host/router';
import { auditHandlers } from './audit/handlers';
import { backupHandlers } from './backups/handlers';
import { catalogHandlers } from './catalog/handlers';
import { customerHandlers } from './customers/handlers';
import { debtHandlers } from './debts/handlers';
import { deviceHandlers } from './devices/handlers';
import { historyHandlers } from './history/handlers';
import { insightsHandlers } from './insights/handlers';
import { loyaltyHandlers } from './loyalty/handlers';
import { loyaltyCardHandlers } from './loyalty-cards/handlers';
import { loyaltyReportHandlers } from './loyalty-reports/handlers';
import { messagingHandlers } from './messaging/handlers';
import { pricingHandlers } from './pricing/handlers';
import { receivablesHandlers } from './receivables/handlers';
import { refundHandlers } from './refunds/handlers';
import { relationshipsHandlers } from './relationships/handlers';
import { reportHandlers } from './reports/handlers';
import { salesHandlers } from './sales/handlers';
import { settingsHandlers } from './settings/handlers';
import { shiftHandlers } from './shifts/handlers';
import { staffHandlers } from './staff/handlers';
import { systemHandlers } from './system/handlers';

/**
 * Every procedure of the contract, implemented by calling a service; thin on purpose. One rule: a contract domain is a
 * folder, src/main/domains/<domain in kebab-case>/, with its handlers.ts (tests/unit/domain-folders.test.ts).
 */
export const handlers: AllHandlers = {
  system: systemHandlers,
  staff: staffHandlers,
  settings: settingsHandlers,
  audit: auditHandlers,
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
  backups: backupHandlers,
  insights: insightsHandlers,
  relationships: relationshipsHandlers,
  messaging: messagingHandlers,
  shifts: shiftHandlers,
  reports: reportHandlers,
};
