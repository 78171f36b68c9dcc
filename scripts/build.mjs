#!/usr/bin/env node
// Builds the Electron app into out/: main (ESM bundle), preload (single CJS file for the sandbox),
// database migrations beside the main bundle, and the renderer (vite).
import { cp, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'out');

// Native or file-reading packages stay in node_modules (electron-builder ships and rebuilds them).
const external = [
  'electron',
  'better-sqlite3',
  'pdfkit',
  // loaded on the first chart in a PDF export, so it stays out of the start-up bundle
  'echarts',
  'serialport',
  'node-hid',
  'node-thermal-printer',
  'bufferutil',
  'utf-8-validate',
  'fsevents',
];

// Bundled CommonJS dependencies may call require() or use __dirname; give the ESM bundle both.
const esmBanner = [
  "import { createRequire as __clCreateRequire } from 'node:module';",
  "import { fileURLToPath as __clFileURLToPath } from 'node:url';",
  "import { dirname as __clDirname } from 'node:path';",
  'const require = __clCreateRequire(import.meta.url);',
  'const __filename = __clFileURLToPath(import.meta.url);',
  'const __dirname = __clDirname(__filename);',
].join('\n');

/** The main process (Electron entry, CLI and browser host, import worker) and the preload, without the screens. */
export async function buildMain() {
  await rm(join(out, 'main'), { recursive: true, force: true });
  // the CLI (and the browser host it serves) runs this bundle, not TypeScript through tsx (decision 0014)
  await esbuild({
    absWorkingDir: root,
    entryPoints: ['src/main/cli.ts'],
    outfile: 'out/main/cli.mjs',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // vite only builds the screens when they are missing, from the developer's node_modules
    external: [...external, 'vite'],
    sourcemap: true,
    banner: { js: esmBanner },
    logLevel: 'warning',
  });
  // the Electron entry, and each worker thread's own bundle beside the main one: the customer import (import/jobs.ts),
  // the insights reports (insights/thread.ts) and the lifetime-value fit (insights/clv.ts)
  const bundles = {
    'src/main/index.ts': 'out/main/index.mjs',
    'src/main/domains/customers/import/worker.ts': 'out/main/import-worker.mjs',
    'src/main/domains/insights/reports-worker.ts': 'out/main/reports-worker.mjs',
    'src/main/domains/insights/clv-worker.ts': 'out/main/clv-worker.mjs',
  };
  for (const [entry, outfile] of Object.entries(bundles))
    await esbuild({
      absWorkingDir: root,
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      external,
      sourcemap: true,
      banner: { js: esmBanner },
      logLevel: 'warning',
    });
  await cp(join(root, 'src/main/db/migrations'), join(out, 'main/migrations'), { recursive: true });
}

async function buildPreload() {
  await rm(join(out, 'preload'), { recursive: true, force: true });
  await esbuild({
    absWorkingDir: root,
    entryPoints: ['src/preload/index.ts'],
    outfile: 'out/preload/index.cjs',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'chrome130',
    external: ['electron'],
    logLevel: 'warning',
  });
}

async function buildRenderer() {
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
}

// run as a script: everything; imported (bin/counterline.mjs): nothing until asked
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  try {
    await Promise.all([buildMain(), buildPreload()]);
    await buildRenderer();
    console.log(`Counterline built into out/ in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  } catch (err) {
    console.error(`Build failed: ${err?.message ?? err}`);
    process.exit(1);
  }
}
