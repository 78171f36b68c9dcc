#!/usr/bin/env node
// Checks the Debian packages the tests need (browser, pty pairs, udev, libusb, poppler) and installs the missing
// ones when it can (root + apt-get); otherwise prints the exact command and fails.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PACKAGES = [
  { pkg: 'chromium', ok: () => existsSync('/usr/bin/chromium') },
  { pkg: 'socat', ok: () => has('socat') },
  { pkg: 'udev', ok: () => has('udevadm') },
  { pkg: 'libusb-1.0-0', ok: () => libraryPresent('libusb-1.0.so.0') },
  { pkg: 'poppler-utils', ok: () => has('pdftotext') },
];

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}
function libraryPresent(name) {
  try {
    return execFileSync('ldconfig', ['-p'], { encoding: 'utf8' }).includes(name);
  } catch {
    return ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib'].some((d) =>
      existsSync(`${d}/${name}`),
    );
  }
}

if (process.platform !== 'linux') process.exit(0);
const missing = PACKAGES.filter((p) => !p.ok()).map((p) => p.pkg);
if (missing.length === 0) process.exit(0);

const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
const isRoot = process.getuid?.() === 0;
if (isRoot && has('apt-get')) {
  console.error(`Installing system packages the tests need: ${missing.join(', ')}`);
  const r = spawnSync('sh', ['-c', command], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  process.exit(r.status ?? 1);
}
console.error(
  `The tests need these system packages: ${missing.join(', ')}.\nInstall them with:\n  sudo sh -c '${command}'`,
);
process.exit(1);
