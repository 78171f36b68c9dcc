import { audit } from './audit';
import { backups } from './backups';
import { catalog } from './catalog';
import { customers } from './customers';
import { debts } from './debts';
import { type ContractShape, flattenContract } from './define';
import { devices } from './devices';
import { history } from './history';
import { insights } from './insights';
import { loyalty } from './loyalty';
import { loyaltyCards } from './loyalty-cards';
import { loyaltyReports } from './loyalty-reports';
import { messaging } from './messaging';
import { pricing } from './pricing';
import { receivables } from './receivables';
import { refunds } from './refunds';
import { relationships } from './relationships';
import { reports } from './reports';
import { sales } from './sales';
import { settings } from './settings';
import { shifts } from './shifts';
import { staff } from './staff';
import { system } from './system';

/** The whole API between renderer and main. Add a domain here and in src/main/domains/index.ts. */
export const contract = {
  system,
  staff,
  settings,
  audit,
  customers,
  catalog,
  sales,
  devices,
  refunds,
  history,
  pricing,
  loyaltyCards,
  loyaltyReports,
  loyalty,
  receivables,
  debts,
  backups,
  insights,
  relationships,
  messaging,
  shifts,
  reports,
} satisfies ContractShape;
export type Contract = typeof contract;

export const procedures = flattenContract(contract);
export const procedureNames: readonly string[] = procedures.map(([name]) => name);

export type ProcedureName = {
  [D in keyof Contract]: `${D & string}.${keyof Contract[D] & string}`;
}[keyof Contract];

export * from './define';
export * from './events';
export {
  audit,
  catalog,
  customers,
  devices,
  history,
  insights,
  loyalty,
  loyaltyCards,
  loyaltyReports,
  messaging,
  pricing,
  refunds,
  relationships,
  reports,
  sales,
  settings,
  shifts,
  staff,
  system,
};
