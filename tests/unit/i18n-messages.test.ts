import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { DICTIONARIES, type Lang, type MessageKey, translate } from '../../src/renderer/i18n';
import { DOCUMENT_WORDS, documentLanguage, documentWords } from '../../src/shared/i18n/documents';
import { PERMISSIONS } from '../../src/shared/permissions';

const LANGS = Object.keys(DICTIONARIES) as Lang[];
const KEYS = Object.keys(DICTIONARIES.en) as MessageKey[];

/** The names a message takes values for (plain, plural, select, number, date), however deep they sit. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type === TYPE.literal || e.type === TYPE.pound) continue;
    if (e.type === TYPE.tag) {
      argumentsOf(e.children, into);
      continue;
    }
    into.add(e.value);
    if (e.type === TYPE.plural || e.type === TYPE.select)
      for (const option of Object.values(e.options)) argumentsOf(option.value, into);
  }
  return into;
}
const sorted = (s: Set<string>) => [...s].sort();

describe('the screens speak English, Bahasa Indonesia and Kiswahili with the same messages', () => {
  it('every language has every key and no other', () => {
    for (const lang of LANGS) {
      const keys = Object.keys(DICTIONARIES[lang]);
      expect({ lang, missing: KEYS.filter((k) => !(k in DICTIONARIES[lang])) }).toEqual({ lang, missing: [] });
      expect({ lang, extra: keys.filter((k) => !(k in DICTIONARIES.en)) }).toEqual({ lang, extra: [] });
    }
  });

  it('every permission has its words for the Staff screen’s matrix', () => {
    expect(PERMISSIONS.filter((p) => !(`perm.${p}` in DICTIONARIES.en))).toEqual([]);
  });

  it('every message is valid ICU MessageFormat and takes the same values as the English one', () => {
    const problems: string[] = [];
    for (const key of KEYS) {
      const wanted = sorted(argumentsOf(parse(DICTIONARIES.en[key], { ignoreTag: true })));
      for (const lang of LANGS) {
        try {
          const got = sorted(argumentsOf(parse(DICTIONARIES[lang][key], { ignoreTag: true })));
          if (got.join() !== wanted.join())
            problems.push(`${lang} ${key}: {${got.join('}{')}} not {${wanted.join('}{')}}`);
        } catch (e) {
          problems.push(`${lang} ${key}: ${(e as Error).message}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('no language falls back to English words on a screen (a message equal to the English is a brand or a code)', () => {
    const same = (lang: Lang) =>
      KEYS.filter(
        (k) => DICTIONARIES[lang][k] === DICTIONARIES.en[k] && /[a-z]{4,}\s+[a-z]{3,}/.test(DICTIONARIES.en[k]),
      );
    expect(same('sw').length).toBeLessThan(KEYS.length / 50);
    expect(same('id').length).toBeLessThan(KEYS.length / 50);
  });
});

describe('receipts and statements have every word in every language', () => {
  it('the same keys and the same values in English, Bahasa Indonesia and Kiswahili', () => {
    const problems: string[] = [];
    for (const [key, text] of Object.entries(DOCUMENT_WORDS.en)) {
      const wanted = sorted(argumentsOf(parse(text, { ignoreTag: true }))).join();
      for (const lang of LANGS) {
        const other = (DOCUMENT_WORDS[lang] as Record<string, string>)[key];
        if (other === undefined) problems.push(`${lang} ${key}: missing`);
        else if (sorted(argumentsOf(parse(other, { ignoreTag: true }))).join() !== wanted)
          problems.push(`${lang} ${key}: other values`);
      }
    }
    expect(problems).toEqual([]);
    expect(documentWords('sw')('earlierEntries', { n: 1 })).toBe('(ingizo 1 la awali: tazama taarifa ya A4)');
    expect(documentWords('en')('earlierEntries', { n: 3 })).toBe('(3 earlier entries: see the A4 statement)');
  });

  it('a customer’s language is used when Counterline speaks it (sw-KE is Kiswahili), else the shop’s', () => {
    expect(documentLanguage('sw-KE', 'en')).toBe('sw');
    expect(documentLanguage('ID', 'en')).toBe('id');
    expect(documentLanguage('fr', 'id')).toBe('id');
    expect(documentLanguage(null, null)).toBe('en');
  });
});

describe('counts are said as each language says them', () => {
  it('English: one invoice, two invoices; one day, 31 days', () => {
    expect(translate('en', 'debt.daily.intro', { count: 1, total: 'UGX 5,000' })).toBe(
      '1 invoice fell overdue since you last looked, UGX 5,000 in all.',
    );
    expect(translate('en', 'debt.daily.intro', { count: 2, total: 'UGX 9,000' })).toBe(
      '2 invoices fell overdue since you last looked, UGX 9,000 in all.',
    );
    expect(translate('en', 'debt.alert.overdueDays', { days: 1 })).toBe('Overdue 1 day');
    expect(translate('en', 'debt.alert.overdueDays', { days: 31 })).toBe('Overdue 31 days');
    expect(translate('en', 'imp.go', { n: 1 })).toBe('Import 1 customer');
    expect(translate('en', 'imp.go', { n: 1200 })).toBe('Import 1,200 customers');
  });

  it('Bahasa Indonesia: the noun does not change, the number takes dots', () => {
    expect(translate('id', 'imp.go', { n: 1200 })).toContain('1.200');
    expect(translate('id', 'imp.go', { n: 1200 }).replace('1.200', '1')).toBe(translate('id', 'imp.go', { n: 1 }));
  });

  it('Kiswahili: mteja mmoja, wateja wawili (a different word for one and for many)', () => {
    const one = translate('sw', 'imp.go', { n: 1 });
    const many = translate('sw', 'imp.go', { n: 2 });
    expect(one).toMatch(/\bmteja\b/i);
    expect(many).toMatch(/\bwateja\b/i);
    expect(translate('sw', 'debt.daily.intro', { count: 1, total: 'KES 50' })).not.toBe(
      translate('sw', 'debt.daily.intro', { count: 2, total: 'KES 50' }).replace('2', '1'),
    );
  });

  it('a value the message needs and was not given shows its name, never a crash', () => {
    expect(translate('en', 'cust.export.done', { file: 'a.csv' } as never)).toContain('a.csv');
  });
});
