import type { Onboarding, StoreProfile } from '../../../shared/contract/system';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../audit/service';
import type { Deps } from '../deps';
import { DEFAULT_STORE, type SettingsService } from '../settings/service';
import type { StaffService } from '../staff/service';

/** The usual standard VAT rate by country, offered at first run (the owner can change it in Settings). */
const STANDARD_TAX: Record<string, { name: string; rateBp: number }> = {
  UG: { name: 'VAT 18%', rateBp: 1800 },
  KE: { name: 'VAT 16%', rateBp: 1600 },
  TZ: { name: 'VAT 18%', rateBp: 1800 },
  RW: { name: 'VAT 18%', rateBp: 1800 },
  ID: { name: 'PPN 11%', rateBp: 1100 },
  GB: { name: 'VAT 20%', rateBp: 2000 },
};

export const DEMO_SHOP = {
  store: {
    name: 'Mama Rose Grocery',
    country: 'UG',
    currency: 'UGX',
    timeZone: 'Africa/Kampala',
    language: 'en',
  },
  owner: { name: 'Rose Nakato', pin: '1234' },
  staff: [
    { name: 'Moses Okello', role: 'manager', pin: '2468' },
    { name: 'Aisha Namuli', role: 'cashier', pin: '1357' },
  ],
} as const;

export class SystemService {
  constructor(
    private deps: Deps,
    private settings: SettingsService,
    private staff: StaffService,
    readonly version: string,
    /** what else the demo shop gets inside the same transaction: its catalog, and with `life` its customers and history */
    private seedDemo: (actor: Actor, life: boolean) => void = () => {},
  ) {}

  status() {
    const initialised = this.settings.isInitialised();
    const store = this.settings.store();
    return { initialised, storeName: initialised ? store.name : null, language: store.language, version: this.version };
  }

  onboard(input: Onboarding): { ownerId: string } {
    return this.deps.sqlite.transaction(() => {
      if (this.settings.isInitialised()) {
        throw new AppError('CONFLICT', 'This shop is already set up. Sign in instead.');
      }
      const store: StoreProfile = {
        ...DEFAULT_STORE,
        ...input.store,
        locale: `${input.store.language}-${input.store.country}`,
      };
      const setup: Actor = { id: null, name: `${input.owner.name} (first run)` };
      this.settings.initialise(setup, store);
      const owner = this.staff.create(setup, { name: input.owner.name, role: 'owner', pin: input.owner.pin });
      const standard = STANDARD_TAX[store.country];
      if (standard) this.settings.saveTaxRate(setup, { ...standard, isDefault: true });
      this.settings.saveTaxRate(setup, { name: 'No tax', rateBp: 0, isDefault: !standard });
      return { ownerId: owner.id };
    })();
  }

  /** The demo shop: catalog and staff, and with `life` six months of customers, sales, debts and points. */
  createDemoShop(opts: { life?: boolean } = {}): { ownerName: string; pin: string } {
    this.deps.sqlite.transaction(() => {
      this.onboard(DEMO_SHOP as unknown as Onboarding);
      const actor: Actor = { id: null, name: 'demo shop' };
      this.settings.updateStore(actor, {
        address: 'Plot 12, Kampala Road, Kampala',
        phone: '+256 772 100200',
        taxId: '1000123456',
        receiptHeader: 'Fresh food, fair prices',
      });
      for (const s of DEMO_SHOP.staff) this.staff.create(actor, { ...s });
      this.seedDemo(actor, opts.life ?? false);
    })();
    return { ownerName: DEMO_SHOP.owner.name, pin: DEMO_SHOP.owner.pin };
  }
}
