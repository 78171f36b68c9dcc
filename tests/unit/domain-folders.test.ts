import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract } from '../../src/shared/contract';

const DOMAINS = join(__dirname, '../../src/main/domains');
const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

describe('a contract domain is a folder with its handlers.ts', () => {
  it.each(Object.keys(contract))('%s is implemented in src/main/domains/<domain>/handlers.ts', (domain) => {
    const file = join(DOMAINS, kebab(domain), 'handlers.ts');
    expect(existsSync(file), file).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain(`implement(contract.${domain},`);
  });

  it('implements no contract domain anywhere else', () => {
    const index = readFileSync(join(DOMAINS, 'handlers.ts'), 'utf8');
    expect(index).not.toContain('implement(');
  });
});
