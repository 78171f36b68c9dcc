import { z } from 'zod';
import { AuditRow } from './audit';
import { EpochMs, Id, Page, Void } from './common';
import { customerImportProcedures } from './customer-import';
import { procedure } from './define';

const optText = (max: number) => z.string().max(max).nullable().optional();

export const CUSTOMER_TYPES = ['individual', 'business'] as const;
export const CUSTOMER_STATUSES = ['active', 'inactive', 'merged'] as const;

export const PhoneInput = z.object({
  number: z.string().trim().min(1).max(40),
  label: z.string().trim().max(30).default('mobile'),
  isPrimary: z.boolean().default(false),
});
export const AddressInput = z.object({
  kind: z.enum(['billing', 'shipping']).default('billing'),
  line1: z.string().max(200).default(''),
  line2: z.string().max(200).default(''),
  city: z.string().trim().max(100).default(''),
  region: z.string().max(100).default(''),
  postalCode: z.string().max(20).default(''),
  country: z.string().max(2).default(''),
  isDefault: z.boolean().default(false),
});

export const CustomerFields = z.object({
  type: z.enum(CUSTOMER_TYPES),
  code: optText(40),
  title: optText(20),
  firstName: optText(80),
  lastName: optText(80),
  companyName: optText(160),
  contactPerson: optText(120),
  taxId: optText(40),
  registrationNo: optText(60),
  businessType: optText(60),
  industry: optText(60),
  dateOfBirth: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date as YYYY-MM-DD')
    .nullable()
    .optional(),
  email: z
    .string()
    .trim()
    .max(200)
    .refine((s) => s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), 'not an email address')
    .nullable()
    .optional(),
  phones: z.array(PhoneInput).max(10).optional(),
  addresses: z.array(AddressInput).max(10).optional(),
  preferredLanguage: optText(10),
  consentSms: z.boolean().optional(),
  consentWhatsapp: z.boolean().optional(),
  consentEmail: z.boolean().optional(),
  marketingOptIn: z.boolean().optional(),
  categoryId: Id.nullable().optional(),
  tags: z.array(z.string().trim().min(1).max(40)).max(30).optional(),
  notes: z.string().max(5000).optional(),
  notesImportant: z.boolean().optional(),
  paymentTermsDays: z.number().int().min(0).max(365).nullable().optional(),
  creditLimit: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
  loyaltyCardNo: z
    .string()
    .regex(/^\d{8,20}$/, 'a card number is 8 to 20 digits')
    .nullable()
    .optional(),
});

const DuplicateOverride = {
  /** save even though another customer has the same phone, email or tax id */
  allowDuplicate: z.boolean().optional(),
  duplicateReason: z.string().trim().max(500).optional(),
};

export const CustomerCreate = CustomerFields.extend(DuplicateOverride);
export const CustomerUpdate = CustomerFields.partial().extend({ id: Id, ...DuplicateOverride });
export type CustomerCreate = z.output<typeof CustomerCreate>;
export type CustomerUpdate = z.output<typeof CustomerUpdate>;

export const Phone = z.object({ id: Id, e164: z.string(), raw: z.string(), label: z.string(), isPrimary: z.boolean() });
export const Address = AddressInput.extend({ id: Id });

export const Customer = z.object({
  id: Id,
  code: z.string().nullable(),
  type: z.enum(CUSTOMER_TYPES),
  title: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  displayName: z.string(),
  companyName: z.string().nullable(),
  contactPerson: z.string().nullable(),
  taxId: z.string().nullable(),
  registrationNo: z.string().nullable(),
  businessType: z.string().nullable(),
  industry: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  email: z.string().nullable(),
  phonePrimary: z.string().nullable(),
  preferredLanguage: z.string().nullable(),
  consentSms: z.boolean(),
  consentWhatsapp: z.boolean(),
  consentEmail: z.boolean(),
  marketingOptIn: z.boolean(),
  marketingOptInAt: EpochMs.nullable(),
  categoryId: Id.nullable(),
  categoryName: z.string().nullable(),
  tags: z.array(z.string()),
  notes: z.string(),
  notesImportant: z.boolean(),
  paymentTermsDays: z.number().int().nullable(),
  creditLimit: z.number().int().nullable(),
  loyaltyCardNo: z.string().nullable(),
  status: z.enum(CUSTOMER_STATUSES),
  mergedIntoId: Id.nullable(),
  lastActivityAt: EpochMs.nullable(),
  totalSpent: z.number().int(),
  balance: z.number().int(),
  /** "before Counterline": spend, orders and first/last purchase the shop's old system knew; not sales */
  openingSpent: z.number().int().nullable(),
  openingOrders: z.number().int().nullable(),
  openingFirstAt: EpochMs.nullable(),
  openingLastAt: EpochMs.nullable(),
  createdAt: EpochMs,
  updatedAt: EpochMs,
  phones: z.array(Phone),
  addresses: z.array(Address),
});
export type Customer = z.infer<typeof Customer>;

export const DuplicateMatch = z.object({
  id: Id,
  displayName: z.string(),
  field: z.enum(['phone', 'email', 'loyaltyCardNo', 'taxId', 'name']),
});
export type DuplicateMatch = z.infer<typeof DuplicateMatch>;

export const SaveResult = z.object({ customer: Customer, duplicates: z.array(DuplicateMatch) });

export const SEARCH_SORTS = ['name', 'created', 'lastActivity', 'totalSpent', 'balance', 'points'] as const;
export const CustomerQuery = z.object({
  text: z.string().max(200).default(''),
  status: z.enum([...CUSTOMER_STATUSES, 'any']).default('active'),
  type: z.enum(CUSTOMER_TYPES).optional(),
  categoryId: Id.optional(),
  tag: z.string().max(40).optional(),
  /** a city or region of any of the customer's addresses */
  city: z.string().max(100).optional(),
  birthMonth: z.number().int().min(1).max(12).optional(),
  createdFrom: EpochMs.optional(),
  createdTo: EpochMs.optional(),
  /** last purchase or payment between (customers never seen are left out) */
  activeFrom: EpochMs.optional(),
  activeTo: EpochMs.optional(),
  sort: z.enum(SEARCH_SORTS).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  /** an opaque paging cursor from the previous page (where that page's last row sorted) */
  cursor: z.string().max(1000).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type CustomerQuery = z.output<typeof CustomerQuery>;

export const CustomerListRow = z.object({
  id: Id,
  code: z.string().nullable(),
  displayName: z.string(),
  companyName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  categoryName: z.string().nullable(),
  status: z.enum(CUSTOMER_STATUSES),
  balance: z.number().int(),
  totalSpent: z.number().int(),
  pointsBalance: z.number().int(),
  lastActivityAt: EpochMs.nullable(),
  cardNo: z.string().nullable(),
});
export type CustomerListRow = z.infer<typeof CustomerListRow>;

export const Category = z.object({
  id: Id,
  name: z.string(),
  priceListId: z.string().nullable(),
  paymentTermsDays: z.number().int().nullable(),
});
export type Category = z.infer<typeof Category>;

/** Fields whose value a merge can take from either customer. */
export const MERGE_FIELDS = [
  'code',
  'type',
  'title',
  'firstName',
  'lastName',
  'companyName',
  'contactPerson',
  'taxId',
  'registrationNo',
  'businessType',
  'industry',
  'dateOfBirth',
  'email',
  'preferredLanguage',
  'categoryId',
  'notes',
  'paymentTermsDays',
  'creditLimit',
  'loyaltyCardNo',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
const Side = z.enum(['survivor', 'other']);

export const MergeInput = z
  .object({
    survivorId: Id,
    otherId: Id,
    keep: z
      .object(
        Object.fromEntries(MERGE_FIELDS.map((f) => [f, Side.optional()])) as Record<
          MergeField,
          z.ZodOptional<typeof Side>
        >,
      )
      .default({}),
  })
  .refine((m) => m.survivorId !== m.otherId, 'a customer cannot be merged into itself');
export type MergeInput = z.output<typeof MergeInput>;

/** The columns a customer export can hold, in the order they are written. */
export const EXPORT_FIELDS = [
  'code',
  'type',
  'displayName',
  'firstName',
  'lastName',
  'companyName',
  'phone',
  'otherPhones',
  'email',
  'category',
  'tags',
  'notes',
  'status',
  'dateOfBirth',
  'taxId',
  'cardNo',
  'creditLimit',
  'paymentTermsDays',
  'billingAddress',
  'shippingAddress',
  'consentEmail',
  'consentSms',
  'consentWhatsapp',
  'marketingOptInAt',
  'priceList',
  'preferredLanguage',
  'loyaltyTier',
  'pointsBalance',
  'accountBalance',
  'totalSpent',
  'orders',
  'firstPurchase',
  'lastPurchase',
  'createdAt',
] as const;
export type ExportField = (typeof EXPORT_FIELDS)[number];
export const EXPORT_FORMATS = ['xlsx', 'csv', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The customers list's filters without its paging; status 'all' is active and inactive, 'any' adds merged ones. */
export const CustomerExportFilter = CustomerQuery.omit({
  cursor: true,
  limit: true,
  sort: true,
  direction: true,
}).extend({
  status: z.enum([...CUSTOMER_STATUSES, 'all', 'any']).default('all'),
});
export type CustomerExportFilter = z.output<typeof CustomerExportFilter>;

export const CustomerExportInput = z.object({
  format: z.enum(EXPORT_FORMATS),
  fields: z.array(z.enum(EXPORT_FIELDS)).min(1).max(EXPORT_FIELDS.length).optional(),
  filter: CustomerExportFilter.optional(),
});
export type CustomerExportInput = z.output<typeof CustomerExportInput>;

export const CustomerExportFile = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  /** the file's bytes, base64-encoded */
  base64: z.string(),
  rows: z.number().int().nonnegative(),
});

export const customers = {
  search: procedure({ input: CustomerQuery, output: Page(CustomerListRow), permission: 'customers.view' }),
  /** `view: true` when a person opens the customer's full record (their page): audited as who saw whom, when */
  get: procedure({
    input: z.object({ id: Id, view: z.boolean().optional() }),
    output: Customer,
    permission: 'customers.view',
  }),
  create: procedure({ input: CustomerCreate, output: SaveResult, permission: 'customers.edit' }),
  update: procedure({ input: CustomerUpdate, output: SaveResult, permission: 'customers.edit' }),
  setStatus: procedure({
    input: z.object({ id: Id, status: z.enum(['active', 'inactive']) }),
    output: Customer,
    permission: 'customers.edit',
  }),
  delete: procedure({ input: z.object({ id: Id }), output: z.null(), permission: 'customers.delete' }),
  merge: procedure({ input: MergeInput, output: Customer, permission: 'customers.merge' }),
  /** a customer's personal data removed for good; `confirm` is their display name typed in full */
  erase: procedure({
    input: z.object({ id: Id, confirm: z.string().max(300) }),
    output: z.object({ id: Id, displayName: z.string() }),
    permission: 'customers.erase',
  }),
  /** the owner's retention rule and who it lists today (no activity for that many years, nothing owed) */
  retention: procedure({
    input: Void,
    output: z.object({
      years: z.number().int().nullable(),
      cutoff: EpochMs.nullable(),
      rows: z.array(z.object({ id: Id, name: z.string(), lastActivityAt: EpochMs })),
    }),
    permission: 'customers.erase',
  }),
  setRetention: procedure({
    input: z.object({ years: z.number().int().min(1).max(30).nullable() }),
    output: z.object({ years: z.number().int().nullable() }),
    permission: 'customers.erase',
  }),
  /** erases the listed customers the owner approved; only those the rule still lists */
  eraseByRetention: procedure({
    input: z.object({ ids: z.array(Id).min(1).max(10_000) }),
    output: z.object({ erased: z.number().int(), skipped: z.number().int() }),
    permission: 'customers.erase',
  }),
  /** everything the shop holds about one person (their right of access): a complete JSON file and a readable PDF */
  exportData: procedure({
    input: z.object({ id: Id }),
    output: z.object({ json: CustomerExportFile, pdf: CustomerExportFile }),
    permission: 'customers.export',
  }),
  history: procedure({
    input: z.object({
      id: Id,
      cursor: z.string().max(64).optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    output: Page(AuditRow),
    permission: 'customers.view',
  }),
  categories: procedure({ input: z.null(), output: z.array(Category), permission: 'customers.view' }),
  saveCategory: procedure({
    input: z.object({
      id: Id.optional(),
      name: z.string().trim().min(1).max(60),
      paymentTermsDays: z.number().int().min(0).max(365).nullable().default(null),
    }),
    output: z.array(Category),
    permission: 'settings.edit',
  }),
  /** refused while customers are in the category */
  deleteCategory: procedure({ input: z.object({ id: Id }), output: z.array(Category), permission: 'settings.edit' }),
  generateCard: procedure({ input: z.object({ id: Id }), output: Customer, permission: 'customers.edit' }),
  export: procedure({ input: CustomerExportInput, output: CustomerExportFile, permission: 'customers.export' }),
  /** how many people's data an export with this filter would hand over, asked before it is made */
  exportCount: procedure({
    input: z.object({ filter: CustomerExportFilter.optional() }),
    output: z.object({ customers: z.number().int().nonnegative() }),
    permission: 'customers.export',
  }),
  /** one tag added to many customers at once (a list drawn from an insights report), in one transaction */
  tagMany: procedure({
    input: z.object({
      ids: z.array(Id).min(1).max(10_000),
      tag: z.string().trim().min(1).max(40),
    }),
    output: z.object({ tagged: z.number().int(), alreadyTagged: z.number().int() }),
    permission: 'customers.edit',
  }),
  ...customerImportProcedures,
};
