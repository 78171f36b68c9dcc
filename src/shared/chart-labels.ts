/**
 * A name short enough to sit under its bar on one line (about 18 characters), so ECharts draws every label instead
 * of every other one; the table beside the chart has the name in full.
 */
export function barLabel(name: string, max = 18): string {
  return name.length > max ? `${name.slice(0, max - 1).trimEnd()}…` : name;
}
