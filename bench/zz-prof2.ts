import Database from 'better-sqlite3';
import { customerFigures } from '../src/main/domains/insights/analysis';
import { cohortsReport } from '../src/main/domains/insights/cohorts';

const db = new Database(process.argv[2], { readonly: true });
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  cohortsReport(db, '2025-01', '2025-12', 'Africa/Kampala');
  console.log('cohorts', (performance.now() - t).toFixed(0));
}
const q = `SELECT c.id AS id, (SELECT p.completed_at FROM sales_orders p WHERE p.customer_id = c.id AND p.status = 'completed' ORDER BY p.completed_at LIMIT 1) AS at FROM customers c`;
let t = performance.now();
db.prepare(q).raw().all();
console.log('firsts', (performance.now() - t).toFixed(0));
for (const r of db.prepare('EXPLAIN QUERY PLAN ' + q).all()) console.log(JSON.stringify(r));
const busiest = db
  .prepare(
    `SELECT customer_id AS id, count(*) AS n FROM sales_orders WHERE customer_id IS NOT NULL GROUP BY customer_id ORDER BY n DESC LIMIT 1`,
  )
  .get() as { id: string; n: number };
for (let i = 0; i < 3; i++) {
  t = performance.now();
  customerFigures(db, busiest.id, '2025-12-31', 'Africa/Kampala');
  console.log('figures', busiest.n, (performance.now() - t).toFixed(1));
}
