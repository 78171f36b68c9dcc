import type { ProductUnit } from '../../shared/contract/catalog';
import type { Actor } from '../domains/audit/service';
import type { CatalogService } from '../domains/catalog/service';
import type { SettingsService } from '../domains/settings/service';

export interface DemoProduct {
  sku: string;
  /** EAN-13 with the Ugandan GS1 prefix 616 and a valid check digit */
  barcode: string;
  name: string;
  /** UGX per unit (per piece, kg or litre) */
  price: number;
  unit: ProductUnit;
  category: string;
  /** unprocessed food sold without VAT ('No tax' rate); the rest use the store's default VAT */
  taxFree: boolean;
}

/** The demo grocery's catalog: the till screen, the e2e tests and the docs use these barcodes. */
export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  {
    sku: 'MR-001',
    barcode: '6164000000010',
    name: 'Maize flour (posho) 1 kg',
    price: 4500,
    unit: 'piece',
    category: 'Staples',
    taxFree: true,
  },
  {
    sku: 'MR-002',
    barcode: '6164000000027',
    name: 'Rice, Super 1 kg',
    price: 5500,
    unit: 'piece',
    category: 'Staples',
    taxFree: true,
  },
  {
    sku: 'MR-003',
    barcode: '6164000000034',
    name: 'Sugar, Kakira 1 kg',
    price: 5000,
    unit: 'piece',
    category: 'Staples',
    taxFree: false,
  },
  {
    sku: 'MR-004',
    barcode: '6164000000041',
    name: 'Beans, Nambale',
    price: 4800,
    unit: 'kg',
    category: 'Staples',
    taxFree: true,
  },
  {
    sku: 'MR-005',
    barcode: '6164000000058',
    name: 'Salt, Kensalt 500 g',
    price: 1000,
    unit: 'piece',
    category: 'Staples',
    taxFree: false,
  },
  {
    sku: 'MR-006',
    barcode: '6164000000065',
    name: 'Cooking oil, Mukwano 1 L',
    price: 9500,
    unit: 'piece',
    category: 'Staples',
    taxFree: false,
  },
  {
    sku: 'MR-007',
    barcode: '6164000000072',
    name: 'Wheat flour, Azam 2 kg',
    price: 9000,
    unit: 'piece',
    category: 'Staples',
    taxFree: false,
  },
  {
    sku: 'MR-008',
    barcode: '6164000000089',
    name: 'Tomatoes',
    price: 3000,
    unit: 'kg',
    category: 'Fresh',
    taxFree: true,
  },
  {
    sku: 'MR-009',
    barcode: '6164000000096',
    name: 'Onions, red',
    price: 4000,
    unit: 'kg',
    category: 'Fresh',
    taxFree: true,
  },
  {
    sku: 'MR-010',
    barcode: '6164000000102',
    name: 'Matooke bunch (medium)',
    price: 25000,
    unit: 'piece',
    category: 'Fresh',
    taxFree: true,
  },
  {
    sku: 'MR-011',
    barcode: '6164000000119',
    name: 'Bananas, sweet (ndizi)',
    price: 3500,
    unit: 'kg',
    category: 'Fresh',
    taxFree: true,
  },
  {
    sku: 'MR-012',
    barcode: '6164000000126',
    name: 'Irish potatoes',
    price: 2500,
    unit: 'kg',
    category: 'Fresh',
    taxFree: true,
  },
  {
    sku: 'MR-013',
    barcode: '6164000000133',
    name: 'Fresh milk, Jesa 500 ml',
    price: 1500,
    unit: 'piece',
    category: 'Dairy',
    taxFree: false,
  },
  {
    sku: 'MR-014',
    barcode: '6164000000140',
    name: 'Fresh milk, loose',
    price: 2200,
    unit: 'litre',
    category: 'Dairy',
    taxFree: true,
  },
  {
    sku: 'MR-015',
    barcode: '6164000000157',
    name: 'Yoghurt, Jesa 500 ml',
    price: 4000,
    unit: 'piece',
    category: 'Dairy',
    taxFree: false,
  },
  {
    sku: 'MR-016',
    barcode: '6164000000164',
    name: 'Eggs, tray of 30',
    price: 13500,
    unit: 'piece',
    category: 'Dairy',
    taxFree: true,
  },
  {
    sku: 'MR-017',
    barcode: '6164000000171',
    name: 'Bread, Hot Loaf 500 g',
    price: 4500,
    unit: 'piece',
    category: 'Bakery',
    taxFree: false,
  },
  {
    sku: 'MR-018',
    barcode: '6164000000188',
    name: 'Chapati (each)',
    price: 1000,
    unit: 'piece',
    category: 'Bakery',
    taxFree: true,
  },
  {
    sku: 'MR-019',
    barcode: '6164000000195',
    name: 'Rwenzori water 500 ml',
    price: 1000,
    unit: 'piece',
    category: 'Drinks',
    taxFree: false,
  },
  {
    sku: 'MR-020',
    barcode: '6164000000201',
    name: 'Rwenzori water 1.5 L',
    price: 2000,
    unit: 'piece',
    category: 'Drinks',
    taxFree: false,
  },
  {
    sku: 'MR-021',
    barcode: '6164000000218',
    name: 'Coca-Cola 500 ml',
    price: 2000,
    unit: 'piece',
    category: 'Drinks',
    taxFree: false,
  },
  {
    sku: 'MR-022',
    barcode: '6164000000225',
    name: 'Minute Maid mango 400 ml',
    price: 2500,
    unit: 'piece',
    category: 'Drinks',
    taxFree: false,
  },
  {
    sku: 'MR-023',
    barcode: '6164000000232',
    name: 'Tea leaves, Kericho Gold 250 g',
    price: 6500,
    unit: 'piece',
    category: 'Drinks',
    taxFree: false,
  },
  {
    sku: 'MR-024',
    barcode: '6164000000249',
    name: 'Nescafé Classic 50 g',
    price: 8000,
    unit: 'piece',
    category: 'Drinks',
    taxFree: false,
  },
  {
    sku: 'MR-025',
    barcode: '6164000000256',
    name: 'Soap bar, Mukwano 800 g',
    price: 6000,
    unit: 'piece',
    category: 'Household',
    taxFree: false,
  },
  {
    sku: 'MR-026',
    barcode: '6164000000263',
    name: 'Omo washing powder 1 kg',
    price: 8500,
    unit: 'piece',
    category: 'Household',
    taxFree: false,
  },
  {
    sku: 'MR-027',
    barcode: '6164000000270',
    name: 'Toilet paper, Bella 10 rolls',
    price: 12000,
    unit: 'piece',
    category: 'Household',
    taxFree: false,
  },
  {
    sku: 'MR-028',
    barcode: '6164000000287',
    name: 'Matches, box of 10',
    price: 1000,
    unit: 'piece',
    category: 'Household',
    taxFree: false,
  },
  {
    sku: 'MR-029',
    barcode: '6164000000294',
    name: 'Paraffin',
    price: 5000,
    unit: 'litre',
    category: 'Household',
    taxFree: false,
  },
  {
    sku: 'MR-030',
    barcode: '6164000000300',
    name: 'Biscuits, Nice 100 g',
    price: 1000,
    unit: 'piece',
    category: 'Snacks',
    taxFree: false,
  },
  {
    sku: 'MR-031',
    barcode: '6164000000317',
    name: 'Groundnuts, roasted',
    price: 12000,
    unit: 'kg',
    category: 'Snacks',
    taxFree: true,
  },
];

/** Stock the demo shop starts with, in milli-units (40 of each piece item, 25 kg or litres of the rest). */
export const DEMO_OPENING_STOCK = (p: DemoProduct) => (p.unit === 'piece' ? 40_000 : 25_000);

/** Adds the demo catalog (categories, products with barcodes, opening stock); runs inside createDemoShop. */
export function seedDemoCatalog(catalog: CatalogService, settings: SettingsService, actor: Actor): void {
  const noTax = settings.taxRates().find((t) => t.rateBp === 0 && !t.isDefault)?.id ?? null;
  const categoryId = new Map<string, string>();
  for (const name of new Set(DEMO_PRODUCTS.map((p) => p.category))) {
    const saved = catalog.saveCategory(actor, { name });
    const found = saved.find((c) => c.name === name);
    if (found) categoryId.set(name, found.id);
  }
  for (const p of DEMO_PRODUCTS) {
    catalog.create(actor, {
      sku: p.sku,
      name: p.name,
      price: p.price,
      cost: null,
      taxRateId: p.taxFree ? noTax : null,
      categoryId: categoryId.get(p.category) ?? null,
      unit: p.unit,
      active: true,
      barcodes: [p.barcode],
      openingStockMilli: DEMO_OPENING_STOCK(p),
    });
  }
}
