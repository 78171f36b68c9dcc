/** Roles and what each may do. The main process checks these on every call; the UI only hides what is refused. */
export const ROLES = ['owner', 'manager', 'cashier'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'till.use',
  'staff.view',
  'staff.manage',
  'settings.view',
  'settings.edit',
  'audit.view',
  'customers.view',
  'customers.edit',
  'customers.delete',
  'customers.merge',
  /** erase a customer's personal data at their request (irreversible) */
  'customers.erase',
  'customers.import',
  'customers.export',
  'catalog.edit',
  'sales.sell',
  'sales.refund',
  'sales.void',
  'sales.overridePrice',
  'receivables.view',
  'receivables.receive',
  'receivables.manage',
  'loyalty.manage',
  'reports.view',
  'devices.manage',
  'pricing.manage',
  /** make and list backups of the shop's database */
  'data.backup',
  /** put a backup in place of the shop's data (the owner's, unless granted) */
  'data.restore',
  /** send a customer a message (receipt, statement, reminder) through the outbox */
  'messages.send',
  /** change message templates, resend or cancel what waits in the outbox */
  'messages.manage',
  /** open and close a shift on the till, pay cash in and out, read its X report */
  'shifts.operate',
  /** see every shift, the expected cash of a blind close, and sign a closed shift off */
  'shifts.review',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const cashier: readonly Permission[] = [
  'till.use',
  'settings.view',
  'customers.view',
  'customers.edit',
  'sales.sell',
  'receivables.view',
  'receivables.receive',
  'messages.send',
  'shifts.operate',
];
const manager: readonly Permission[] = PERMISSIONS.filter((p) => p !== 'settings.edit' && p !== 'data.restore');

export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  owner: new Set(PERMISSIONS),
  manager: new Set(manager),
  cashier: new Set(cashier),
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}
