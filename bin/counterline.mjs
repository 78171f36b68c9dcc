#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so `npx counterline` works straight after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main/cli.ts');
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err?.message ?? String(err));
    process.exit(1);
  },
);
