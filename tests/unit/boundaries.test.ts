import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

function lint(file: string): string {
  try {
    execFileSync('npx', ['biome', 'lint', file], { encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
}

/** Lints a snippet placed next to `path` (briefly, then removed) with the project's Biome rules. */
function lintAs(path: string, code: string): string {
  const probe = join(dirname(path), `__boundary_probe_${process.pid}.ts`);
  writeFileSync(probe, code);
  try {
    return lint(probe);
  } finally {
    rmSync(probe, { force: true });
  }
}

describe('import boundaries', () => {
  it('src/shared imports no Node, Electron or main-process code', () => {
    expect(
      lintAs('src/shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"),
    ).toMatch(/noRestrictedImports/);
    expect(lintAs('src/shared/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toMatch(
      /noRestrictedImports/,
    );
    expect(
      lintAs('src/shared/x.ts', "import { createApp } from '../main/app';\nexport const a = createApp;\n"),
    ).toMatch(/noRestrictedImports/);
  });

  it('the renderer never imports src/main or Node', () => {
    expect(
      lintAs('src/renderer/x.ts', "import { createApp } from '../main/app';\nexport const a = createApp;\n"),
    ).toMatch(/noRestrictedImports/);
    expect(lintAs('src/renderer/x.ts', "import { join } from 'node:path';\nexport const a = join;\n")).toMatch(
      /noRestrictedImports/,
    );
  });

  it('only the shell files import electron', () => {
    const code = "import { app } from 'electron';\nexport const a = app;\n";
    expect(lintAs('src/main/domains/staff/x.ts', code)).toMatch(/noRestrictedImports/);
    expect(lintAs('src/main/app.ts', code)).toMatch(/noRestrictedImports/);
    for (const shell of ['src/main/index.ts', 'src/main/security.ts', 'src/main/host/ipc.ts']) {
      expect(lint(shell)).not.toMatch(/noRestrictedImports/);
    }
  });
});
