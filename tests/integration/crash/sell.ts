// Child process of crash.test.ts: completes sales crash-sale-FROM … crash-sale-(TOTAL-1) through the sales service
// against a real database file, writing `ACK <n> <order id>` to stdout only after each sale has committed.
import { writeSync } from 'node:fs';
import { createApp } from '../../../src/main/app';
import { CompleteInput } from '../../../src/shared/contract/sales';

const [dataDir, fromArg, totalArg] = process.argv.slice(2);
const app = createApp({ dataDir: dataDir as string, log: () => {} });
const staff = app.sqlite.prepare("SELECT id, name FROM staff WHERE role = 'manager' LIMIT 1").get() as {
  id: string;
  name: string;
};
const actor = { ...staff, role: 'manager' as const };
const products = (
  app.sqlite.prepare('SELECT id FROM products WHERE unit = ? ORDER BY sku').all('piece') as Array<{
    id: string;
  }>
).map((p) => p.id);
const customer = (app.sqlite.prepare('SELECT id FROM customers ORDER BY created_at LIMIT 1').get() as { id: string })
  .id;

const quotes = new Map<string, ReturnType<typeof app.services.sales.quote>>();
for (let n = Number(fromArg); n < Number(totalArg); n++) {
  // three lines each; every other sale on the customer's account, the rest cash
  const cart = {
    customerId: n % 2 ? customer : null,
    lines: [0, 1, 2].map((i) => ({
      productId: products[(n + i * 7) % products.length] as string,
      qtyMilli: 1000 * (1 + i),
    })),
  };
  // the carts repeat, so each is priced once: the time goes into committing sales, not quoting them
  const cartKey = JSON.stringify(cart);
  const quote = quotes.get(cartKey) ?? app.services.sales.quote(actor, CompleteInput.shape.cart.parse(cart));
  quotes.set(cartKey, quote);
  const payments =
    n % 2 ? [{ method: 'on_account', amount: quote.total }] : [{ method: 'cash', amount: quote.cashTotal }];
  const { order } = app.services.sales.complete(
    actor,
    CompleteInput.parse({ cart, payments, idempotencyKey: `crash-sale-${n}` }),
  );
  writeSync(1, `ACK ${n} ${order.id}\n`);
}
app.close();
