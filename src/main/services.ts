import { AuditService } from './domains/audit/service';
import { CustomerExport } from './domains/customers/export';
import { CustomerImport } from './domains/customers/import/run';
import { CustomerMerge } from './domains/customers/merge';
import { CustomerService } from './domains/customers/service';
import type { Deps } from './domains/deps';
import { SettingsService } from './domains/settings/service';
import { StaffService } from './domains/staff/service';
import { SystemService } from './domains/system/service';

export interface Services {
  audit: AuditService;
  customers: CustomerService;
  customerMerge: CustomerMerge;
  customerImport: CustomerImport;
  customerExport: CustomerExport;
  settings: SettingsService;
  staff: StaffService;
  system: SystemService;
}

export function createServices(deps: Deps, version: string): Services {
  const audit = new AuditService(deps);
  const settings = new SettingsService(deps, audit);
  const staff = new StaffService(deps, audit, () => settings.store().lockAfterMinutes * 60_000);
  const system = new SystemService(deps, settings, staff, version);
  const customers = new CustomerService(deps, audit, settings);
  const customerMerge = new CustomerMerge(deps, audit, customers);
  const customerImport = new CustomerImport(deps, audit, settings, customers);
  const customerExport = new CustomerExport(deps, audit, settings);
  return { audit, settings, staff, system, customers, customerMerge, customerImport, customerExport };
}
