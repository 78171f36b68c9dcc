import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fail, withShop } from './shop';

const ACTOR = { id: null, name: 'command line' };

/** `counterline export customer ID --out DIR [--json]`: everything held about one person, as JSON and PDF. */
export async function exportCustomerDataCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string' }, json: { type: 'boolean', default: false }, 'data-dir': { type: 'string' } },
  });
  const [, id, ...extra] = positionals;
  if (!id || extra.length || !values.out)
    return fail('Usage: counterline export customer ID --out DIR [--json] [--data-dir DIR]', 2);
  return withShop(values['data-dir'], async (app) => {
    const { json, pdf } = await app.services.customerData.export(ACTOR, id);
    const dir = resolve(values.out as string);
    mkdirSync(dir, { recursive: true });
    const files = [json, pdf].map((f) => {
      const path = join(dir, f.fileName);
      writeFileSync(path, Buffer.from(f.base64, 'base64'));
      return path;
    });
    if (values.json) console.log(JSON.stringify({ customerId: id, records: json.rows, files }));
    else console.log(`${json.rows} records about the customer written to ${files.join(' and ')}.`);
    return 0;
  });
}

/** `counterline erase customer ID --confirm "DISPLAY NAME"`: the same erasure as the customer page's, audited. */
export async function eraseCustomerCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { confirm: { type: 'string' }, 'data-dir': { type: 'string' } },
  });
  const [what, id, ...extra] = positionals;
  if (what !== 'customer' || !id || extra.length || values.confirm === undefined)
    return fail('Usage: counterline erase customer ID --confirm "<their display name>" [--data-dir DIR]', 2);
  return withShop(values['data-dir'], async (app) => {
    const r = app.services.customerErase.erase(ACTOR, id, values.confirm as string);
    console.log(`Personal data erased; the customer's books stay under "${r.displayName}".`);
    return 0;
  });
}
