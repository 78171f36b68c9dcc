import { describe, expect, it } from 'vitest';
import { en } from '../../src/renderer/i18n/en';
import { id } from '../../src/renderer/i18n/id';
import { IMPORT_FIELDS } from '../../src/shared/contract/customer-import';

describe('the import wizard names every customer field in every language', () => {
  for (const [lang, messages] of Object.entries({ en, id }) as [string, Record<string, string>][])
    it(`${lang}: a label for each field a column can go into`, () => {
      const missing = IMPORT_FIELDS.filter((f) => !messages[`imp.field.${f}`]);
      expect(missing).toEqual([]);
    });
});
