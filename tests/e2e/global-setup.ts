import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Builds the renderer once if there is no build yet. */
export default function globalSetup(): void {
  const root = process.cwd();
  if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
    execSync('npx vite build', { cwd: root, stdio: 'inherit' });
  }
}
