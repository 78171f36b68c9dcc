#!/usr/bin/env node
// Runs the built CLI (out/main/cli.mjs). When it is missing or older than the main-process sources (a checkout
// straight after `npm install`, or after an edit), the main process is rebuilt first with esbuild (about a second).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'out', 'main', 'cli.mjs');

function newestUnder(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function stale() {
  if (!existsSync(built)) return true;
  // an installed app ships out/ without src/: nothing to compare with
  if (!existsSync(join(root, 'src', 'main'))) return false;
  const at = statSync(built).mtimeMs;
  return ['src/main', 'src/shared', 'src/preload'].some((d) => newestUnder(join(root, d)) > at);
}

if (stale()) {
  const { buildMain } = await import(pathToFileURL(join(root, 'scripts', 'build.mjs')).href);
  await buildMain();
}
const { main } = await import(pathToFileURL(built).href);
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err?.message ?? String(err));
    process.exit(1);
  },
);
