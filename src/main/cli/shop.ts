/** A path as it can be pasted into a shell: bare when it is plain, else in single quotes. */
export function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}

/** The command that creates a shop in the data folder, with the parts the user fills in as capitals. */
export function initCommandFor(dataDir: string): string {
  return `counterline init --shop NAME --country CC --currency CUR --time-zone TZ --owner NAME --pin PIN --data-dir ${shellWord(dataDir)}`;
}

/** What every command that needs a shop says when the data folder has none: how to create one. */
export function noShopMessage(dataDir: string): string {
  return `There is no Counterline shop in ${dataDir}; create one with: ${initCommandFor(dataDir)}`;
}
