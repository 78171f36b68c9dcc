#!/usr/bin/env node
// `npm start`: runs the Electron app when its binary is installed, otherwise serves the till to a browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

/**
 * Where the Electron binary is, or null. Not `require('electron')`: without the binary that tries to download it.
 */
function electronBinary() {
  try {
    const require = createRequire(join(root, 'package.json'));
    const pkgDir = dirname(require.resolve('electron/package.json'));
    if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
      const p = join(
        process.env.ELECTRON_OVERRIDE_DIST_PATH,
        process.platform === 'win32' ? 'electron.exe' : 'electron',
      );
      return existsSync(p) ? p : null;
    }
    const pathFile = join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const exe = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(exe) ? exe : null;
  } catch {
    return null;
  }
}

function run(child) {
  const stop = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
  child.on('error', (err) => {
    console.error(`Could not start: ${err.message}`);
    process.exit(1);
  });
}

function openBrowser(url) {
  const hasDisplay =
    process.platform === 'darwin' ||
    process.platform === 'win32' ||
    Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (!hasDisplay) return;
  const [cmd, cmdArgs] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  try {
    const opener = spawn(cmd, cmdArgs, { stdio: 'ignore', detached: true });
    opener.on('error', () => {});
    opener.unref();
  } catch {
    // No browser opener: the address is printed above.
  }
}

const electron = electronBinary();
if (electron) {
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
  run(spawn(electron, [root, ...args], { cwd: root, stdio: 'inherit' }));
} else {
  console.error(
    [
      'The Electron binary is missing, so Counterline will open in your web browser instead.',
      '  Why: the `electron` package downloads its binary from GitHub when it is installed; that download was',
      '       skipped (ELECTRON_SKIP_BINARY_DOWNLOAD) or could not reach the internet.',
      '  Fix: with an internet connection run `npx install-electron` (or `node node_modules/electron/install.js`),',
      '       then `npm start` again to get the desktop window.',
      '',
    ].join('\n'),
  );
  const child = spawn(process.execPath, [join(root, 'bin', 'counterline.mjs'), 'serve', ...args], {
    cwd: root,
    stdio: ['inherit', 'pipe', 'inherit'],
  });
  let buffered = '';
  let opened = false;
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (opened) return;
    buffered += chunk.toString('utf8');
    const match = /Counterline ready at (\S+)/.exec(buffered);
    if (match) {
      opened = true;
      buffered = '';
      openBrowser(match[1]);
    }
  });
  run(child);
}
