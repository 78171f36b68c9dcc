import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LANGUAGES, Onboarding } from '../../shared/contract/system';
import { AppError } from '../../shared/errors';
import { CURRENCIES, CURRENCY_CODES } from '../../shared/money';
import { createApp } from '../app';
import { DATABASE_FILE, resolveDataDir } from '../config';
import { shellWord } from './shop';

const USAGE = `Usage: counterline init --shop NAME --country CC --currency CUR --time-zone TZ --owner NAME --pin PIN
       [--language ${LANGUAGES.join('|')}] [--data-dir DIR]`;

/** The option that fills each onboarding field, in the order they are checked. */
const OPTION_FOR = {
  'store.name': 'shop',
  'store.country': 'country',
  'store.currency': 'currency',
  'store.timeZone': 'time-zone',
  'store.language': 'language',
  'owner.name': 'owner',
  'owner.pin': 'pin',
} as const;
const REQUIRED = ['shop', 'country', 'currency', 'time-zone', 'owner', 'pin'] as const;

function fail(message: string, code = 1): number {
  console.error(message);
  return code;
}

/**
 * `counterline init --shop NAME ...`: the browser's first-run screen from the command line. The options are
 * checked against the same contract the screen's call is, then the same onboarding service creates the shop.
 * Exit 2 for usage errors (nothing is created), 1 when the folder already has a shop (nothing is changed).
 */
export function initCommand(args: string[]): number {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (e) {
    return fail(`${(e as Error).message}\n${USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  if (positionals.length)
    return fail(`counterline init takes no ${positionals[0]}; every value is an option.\n${USAGE}`, 2);
  const missing = REQUIRED.filter((o) => !values[o]?.trim());
  if (missing.length) return fail(`counterline init needs ${missing.map((o) => `--${o}`).join(', ')}.\n${USAGE}`, 2);

  const input = {
    store: {
      name: values.shop,
      country: values.country?.trim().toUpperCase(),
      currency: values.currency?.trim().toUpperCase(),
      timeZone: values['time-zone']?.trim(),
      language: values.language.trim().toLowerCase(),
    },
    owner: { name: values.owner, pin: values.pin?.trim() },
  };
  const checked = Onboarding.safeParse(input);
  if (!checked.success) {
    const problems = new Map<string, string>();
    for (const issue of checked.error.issues) {
      const option = OPTION_FOR[issue.path.join('.') as keyof typeof OPTION_FOR];
      if (option && !problems.has(option)) problems.set(option, explain(option, values[option] ?? '', issue.message));
    }
    if (!problems.size) problems.set('', checked.error.issues[0]?.message ?? 'the options are not right');
    return fail([...problems.values()].join('\n'), 2);
  }

  const dataDir = resolveDataDir(values['data-dir']);
  const alreadyThere = existsSync(join(dataDir, DATABASE_FILE));
  const app = createApp({ dataDir, log: () => {} });
  try {
    if (alreadyThere && app.services.settings.isInitialised())
      return fail(
        `${dataDir} already has a Counterline shop, "${app.services.settings.store().name}"; nothing was changed. ` +
          `To use it: counterline serve --data-dir ${shellWord(dataDir)}; for a new shop, choose another folder with --data-dir.`,
      );
    try {
      app.services.system.onboard(checked.data);
    } catch (e) {
      if (e instanceof AppError) return fail(`Cannot create the shop: ${e.message}`);
      throw e;
    }
    const store = app.services.settings.store();
    const taxes = app.services.settings.taxRates();
    const tax = taxes.find((t) => t.isDefault) ?? taxes[0];
    console.log(
      [
        `Created the shop "${store.name}" in ${dataDir}:`,
        `  country ${store.country}, currency ${store.currency}, time zone ${store.timeZone}, language ${store.language}`,
        `  owner ${checked.data.owner.name}, who signs in with the PIN given to --pin`,
        ...(tax ? [`  default tax ${tax.name} (change the tax rates in Settings)`] : []),
        'To sign in, start the till and open the address it prints:',
        `  counterline serve --data-dir ${shellWord(dataDir)}`,
        `Then choose ${checked.data.owner.name} and enter the PIN.`,
      ].join('\n'),
    );
    return 0;
  } finally {
    app.close();
  }
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      shop: { type: 'string' },
      country: { type: 'string' },
      currency: { type: 'string' },
      'time-zone': { type: 'string' },
      owner: { type: 'string' },
      pin: { type: 'string' },
      language: { type: 'string', default: 'en' },
      'data-dir': { type: 'string' },
    },
  });
}

/** One plain line for a value the onboarding contract refused. */
function explain(option: string, value: string, reason: string): string {
  switch (option) {
    case 'currency':
      return `--currency must be one of ${CURRENCY_CODES.map((c) => `${c} (${CURRENCIES[c].name})`).join(', ')}; not ${value}.`;
    case 'country':
      return `--country must be a two-letter country code such as UG, KE or ID; not ${value}.`;
    case 'time-zone':
      return `--time-zone must be a time zone name such as Africa/Kampala or Asia/Jakarta; ${value} is not one this computer knows.`;
    case 'language':
      return `--language must be ${LANGUAGES.slice(0, -1).join(', ')} or ${LANGUAGES.at(-1)}; not ${value}.`;
    case 'pin':
      return '--pin must be 4 to 8 digits.';
    default:
      return `--${option}: ${reason}.`;
  }
}
