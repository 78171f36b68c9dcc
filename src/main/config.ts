import { homedir } from 'node:os';
import { join } from 'node:path';

/** The data folder: --data-dir, else COUNTERLINE_DATA_DIR, else the OS user-data folder. */
export function resolveDataDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return flag;
  if (env.COUNTERLINE_DATA_DIR) return env.COUNTERLINE_DATA_DIR;
  switch (process.platform) {
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Counterline');
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', 'Counterline');
    default:
      return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Counterline');
  }
}

export const DATABASE_FILE = 'counterline.db';
export const VERSION = '0.1.0';
