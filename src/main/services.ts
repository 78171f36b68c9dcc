import { DevicesService } from './devices/service';
import { AuditService } from './domains/audit/service';
import { ProductImport } from './domains/catalog/import';
import { CatalogService } from './domains/catalog/service';
import { CustomerExport } from './domains/customers/export';
import { ImportJobs } from './domains/customers/import/jobs';
import { CustomerImport } from './domains/customers/import/run';
import { CustomerMerge } from './domains/customers/merge';
import { CustomerService } from './domains/customers/service';
import type { Deps } from './domains/deps';
import { CustomerHistory } from './domains/history/service';
import { LoyaltyCards } from './domains/loyalty/cards';
import { LoyaltyReports } from './domains/loyalty/reports';
import { LoyaltyService } from './domains/loyalty/service';
import { PricingService } from './domains/pricing/service';
import { AccountService } from './domains/receivables/account';
import { DebtReports } from './domains/receivables/reports';
import { RefundService } from './domains/refunds/service';
import { CodeLookup } from './domains/sales/lookup';
import { ParkedSales } from './domains/sales/parked';
import { SalesService } from './domains/sales/service';
import { TillSettingsService } from './domains/sales/settings';
import { SettingsService } from './domains/settings/service';
import { StaffService } from './domains/staff/service';
import { SystemService } from './domains/system/service';
import { seedDemoCatalog } from './seed/products';

export interface Services {
  audit: AuditService;
  customers: CustomerService;
  customerMerge: CustomerMerge;
  customerImport: CustomerImport;
  customerImports: ImportJobs;
  customerExport: CustomerExport;
  settings: SettingsService;
  staff: StaffService;
  system: SystemService;
  catalog: CatalogService;
  productImport: ProductImport;
  tillSettings: TillSettingsService;
  sales: SalesService;
  parkedSales: ParkedSales;
  codeLookup: CodeLookup;
  devices: DevicesService;
  refunds: RefundService;
  customerHistory: CustomerHistory;
  pricing: PricingService;
  receivables: AccountService;
  debtReports: DebtReports;
  loyaltyCards: LoyaltyCards;
  loyaltyReports: LoyaltyReports;
  loyalty: LoyaltyService;
}

export function createServices(deps: Deps, version: string): Services {
  const audit = new AuditService(deps);
  const settings = new SettingsService(deps, audit);
  const staff = new StaffService(deps, audit, () => settings.store().lockAfterMinutes * 60_000);
  const catalog = new CatalogService(deps, audit);
  const system = new SystemService(deps, settings, staff, version, (actor) =>
    seedDemoCatalog(catalog, settings, actor),
  );
  const customers = new CustomerService(deps, audit, settings);
  const customerMerge = new CustomerMerge(deps, audit, customers);
  const customerImport = new CustomerImport(deps, audit, settings, customers);
  const customerImports = new ImportJobs(deps, customerImport);
  const customerExport = new CustomerExport(deps, audit, settings);
  const productImport = new ProductImport(deps, audit, settings, catalog);
  const tillSettings = new TillSettingsService(deps, audit);
  const sales = new SalesService(deps, audit, settings, tillSettings, catalog, staff);
  const pricing = new PricingService(deps, audit);
  sales.priceRules = ({ customer, currency }) => pricing.rules.forSale(customer, currency);
  sales.pricingProfile = (id) => pricing.rules.profile(id);
  sales.afterSale = (orderId, customerId, ruleIds) => pricing.recordUses(orderId, customerId, ruleIds);
  const parkedSales = new ParkedSales(deps);
  const codeLookup = new CodeLookup(deps, catalog);
  const devices = new DevicesService(deps, audit, settings);
  const loyaltyCards = new LoyaltyCards(deps, audit, settings, customers, devices);
  customers.cards = loyaltyCards;
  codeLookup.refusedCard = (code) => loyaltyCards.refusal(code);
  const refunds = new RefundService(deps, audit, settings, sales.orders);
  const loyalty = new LoyaltyService(deps, audit, settings);
  const loyaltyReports = new LoyaltyReports(deps, audit, settings, () => loyalty.getProgram());
  loyalty.priceCart = (actor, cart) => sales.quote(actor, cart);
  sales.extraPaymentMethods = () => loyalty.paymentMethods();
  sales.pointsOnSale = (sale) => loyalty.onSale(sale);
  sales.pointsOnVoid = (actor, order, reason) => loyalty.onVoid(actor, order, reason);
  refunds.pointsOnRefund = (r) => loyalty.onRefund(r);
  refunds.pointsOnCancel = (actor, refund, reason) => loyalty.onRefundCancel(actor, refund, reason);
  customerMerge.afterMerge = (actor, survivorId) => loyalty.afterMerge(actor, survivorId);
  const receivables = new AccountService(deps, audit, settings);
  sales.creditCheck = (actor, c) => receivables.credit.beforeSale(actor, c);
  sales.creditAfterSale = (actor, decision, sale) => receivables.credit.afterSale(actor, decision, sale);
  sales.accountAfterVoid = (customerId, staffId) => receivables.credit.afterVoid(customerId, staffId);
  refunds.accountAfterRefund = (customerId, creditId, orderId, staffId) =>
    receivables.credit.afterRefundCredit(customerId, creditId, orderId, staffId);
  refunds.accountAfterCancel = (customerId, creditId, cancelId, staffId) =>
    receivables.credit.afterRefundCancel(customerId, creditId, cancelId, staffId);
  const debtReports = new DebtReports(deps, audit, settings);
  debtReports.defaultCreditLimit = () => receivables.settings.get().defaultCreditLimit;
  debtReports.wakePrinter = () => devices.queue.wake();
  const customerHistory = new CustomerHistory(deps, settings, refunds.reads, audit);
  return {
    audit,
    settings,
    staff,
    system,
    customers,
    customerMerge,
    customerImport,
    customerImports,
    customerExport,
    catalog,
    productImport,
    tillSettings,
    sales,
    parkedSales,
    codeLookup,
    devices,
    refunds,
    customerHistory,
    pricing,
    receivables,
    debtReports,
    loyaltyCards,
    loyaltyReports,
    loyalty,
  };
}
