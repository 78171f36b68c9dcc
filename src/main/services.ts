import { AuditService } from './domains/audit/service';
import { type BackupFiles, BackupService, type RestoreShop } from './domains/backups/service';
import { ProductImport } from './domains/catalog/import';
import { CatalogService } from './domains/catalog/service';
import { CustomerDataExport } from './domains/customers/data-export';
import { CustomerErase } from './domains/customers/erase';
import { CustomerExport } from './domains/customers/export';
import { ImportJobs } from './domains/customers/import/jobs';
import { CustomerImport } from './domains/customers/import/run';
import { CustomerMerge } from './domains/customers/merge';
import { CustomerRetention } from './domains/customers/retention';
import { CustomerService } from './domains/customers/service';
import { DebtReports } from './domains/debts/reports';
import type { Deps } from './domains/deps';
import { DevicesService } from './domains/devices/service';
import type { Flow } from './domains/flow';
import { CustomerHistory } from './domains/history/service';
import { InsightsFiles } from './domains/insights/files';
import { CustomerInsights } from './domains/insights/service';
import { InsightsSettingsService } from './domains/insights/settings';
import { InsightsThread } from './domains/insights/thread';
import { LoyaltyService } from './domains/loyalty/service';
import { LoyaltyCards } from './domains/loyalty-cards/cards';
import { LoyaltyReports } from './domains/loyalty-reports/reports';
import { MessagingService } from './domains/messaging/service';
import { PricingService } from './domains/pricing/service';
import { AccountService } from './domains/receivables/account';
import { SaleCredit } from './domains/receivables/credit';
import { ReceivablesSettingsService } from './domains/receivables/settings';
import { RefundService } from './domains/refunds/service';
import { RelationshipService } from './domains/relationships/service';
import { ShopReports } from './domains/reports/service';
import { CodeLookup } from './domains/sales/lookup';
import { ParkedSales } from './domains/sales/parked';
import { SalesService } from './domains/sales/service';
import { TillSettingsService } from './domains/sales/settings';
import { SettingsService } from './domains/settings/service';
import { ShiftService } from './domains/shifts/service';
import { ShiftSettingsService } from './domains/shifts/settings';
import { type RoleMatrix, rolesOf } from './domains/staff/roles';
import { StaffService } from './domains/staff/service';
import { SystemService } from './domains/system/service';
import { createFlow } from './postings';
import { seedDemoLife } from './seed/demo';
import { seedDemoCatalog } from './seed/products';

export interface Services {
  audit: AuditService;
  /** what each role may do (deps.roles) */
  roles: RoleMatrix;
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
  backups: BackupService;
  customerErase: CustomerErase;
  customerData: CustomerDataExport;
  customerRetention: CustomerRetention;
  insights: CustomerInsights;
  insightsSettings: InsightsSettingsService;
  relationships: RelationshipService;
  messaging: MessagingService;
  shifts: ShiftService;
  reports: ShopReports;
  insightsFiles: InsightsFiles;
  /** the reports that read every customer, on their own thread in a big shop */
  insightsThread: InsightsThread;
}

export interface ServiceOptions {
  /** where the shop's database lives, for its backups (none for an in-memory shop) */
  files?: BackupFiles;
  /** a long-running host's restore from the Backups screen (see App.restore) */
  restore?: RestoreShop;
  /** tests only: changes the list of postings (e.g. one that fails on purpose) */
  postings?: (postings: Flow['postings']) => Flow['postings'];
}

export function createServices(deps: Deps, version: string, options: ServiceOptions = {}): Services {
  const audit = new AuditService(deps);
  const settings = new SettingsService(deps, audit);
  const staff = new StaffService(deps, audit, () => settings.store().lockAfterMinutes * 60_000);
  const catalog = new CatalogService(deps, audit);
  const system = new SystemService(deps, settings, staff, version, (actor, life) => {
    seedDemoCatalog(catalog, settings, actor);
    if (life) seedDemoLife({ sqlite: deps.sqlite, clock: deps.clock, services });
  });
  const customers: CustomerService = new CustomerService(deps, audit, settings, (): LoyaltyCards => loyaltyCards);
  const pricing = new PricingService(deps, audit);
  const customerImport = new CustomerImport(deps, audit, settings, customers, pricing);
  const customerImports = new ImportJobs(deps, customerImport);
  const customerExport = new CustomerExport(deps, audit, settings);
  const productImport = new ProductImport(deps, audit, settings, catalog);
  const tillSettings = new TillSettingsService(deps, audit);
  const devices = new DevicesService(deps, audit, settings);
  const loyaltyCards = new LoyaltyCards(deps, audit, settings, customers, devices);
  const loyalty = new LoyaltyService(deps, audit, settings);
  const loyaltyReports = new LoyaltyReports(deps, audit, settings, () => loyalty.getProgram());
  const receivablesSettings = new ReceivablesSettingsService(deps, audit);
  const credit = new SaleCredit(deps, audit, settings, receivablesSettings);

  const shifts = new ShiftService(deps, audit, settings, new ShiftSettingsService(deps, audit), staff, devices.queue);
  const defaults = createFlow({ deps, audit, settings, staff, till: tillSettings, pricing, loyalty, credit, shifts });
  const flow = options.postings ? { ...defaults, postings: options.postings(defaults.postings) } : defaults;

  const sales = new SalesService(
    deps,
    audit,
    settings,
    tillSettings,
    catalog,
    staff,
    pricing.rules,
    () => loyalty.paymentMethods(),
    flow,
  );
  const parkedSales = new ParkedSales(deps);
  const codeLookup = new CodeLookup(deps, catalog, loyaltyCards);
  const refunds = new RefundService(deps, audit, settings, sales.orders, flow);
  const customerMerge = new CustomerMerge(deps, audit, customers, flow);
  const receivables = new AccountService(deps, audit, settings, receivablesSettings, credit, flow);
  const debtReports = new DebtReports(deps, audit, settings, receivablesSettings, devices.queue);
  const customerHistory = new CustomerHistory(deps, settings, refunds.reads, audit);
  const insightsSettings = new InsightsSettingsService(deps, audit);
  const insights = new CustomerInsights(deps, settings, insightsSettings, options.files?.key ?? null);
  const insightsFiles = new InsightsFiles(deps, settings, insights, audit);
  const customerErase = new CustomerErase(deps, audit, settings);
  const services: Services = {
    roles: rolesOf(deps.sqlite),
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
    customerErase,
    customerData: new CustomerDataExport(deps, audit, settings),
    customerRetention: new CustomerRetention(deps, audit, customerErase),
    backups: new BackupService(
      deps,
      audit,
      settings,
      options.files ?? { dataDir: null, migrationsDir: '' },
      options.restore,
    ),
    insights,
    insightsSettings,
    relationships: new RelationshipService(deps, audit, settings),
    messaging: new MessagingService(deps, audit, settings, debtReports, { orders: sales.orders, devices }),
    shifts,
    reports: new ShopReports(deps, settings, audit),
    insightsFiles,
    insightsThread: new InsightsThread(
      deps,
      settings,
      insightsSettings,
      { insights, files: insightsFiles },
      options.files?.key ?? null,
    ),
  };
  return services;
}
