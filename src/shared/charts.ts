import { type CurrencyCode, exponentOf } from './money';

/**
 * A chart as plain data, drawn by Apache ECharts in two places from the same option: on screen (src/renderer/ui/Chart.tsx)
 * and as SVG inside a report's PDF (src/main/domains/exports/report-file.ts). Decision 0026.
 *
 * Money values stay integer minor units here; the axis and tooltip show them in major units of the shop's currency.
 */
export type ChartSpec =
  | {
      kind: 'bar' | 'stacked' | 'line';
      /** one label per point along the x axis (days, months, staff names…) */
      categories: string[];
      series: { name: string; values: (number | null)[] }[];
      /** the values are money in minor units of this currency; else plain counts */
      currency?: CurrencyCode;
      /** the values are percentages (0–100) */
      percent?: boolean;
      /** bars run sideways, categories down the side (long names: customers, segments) */
      horizontal?: boolean;
    }
  | {
      kind: 'heatmap';
      /** down the side (e.g. cohorts) */
      rows: string[];
      /** along the top (e.g. months since the first purchase) */
      columns: string[];
      /** [column index, row index, value 0–100]; a missing cell is not drawn */
      cells: [number, number, number][];
    };

export interface ChartLook {
  locale: string;
  /** colours of the page the chart sits on */
  text: string;
  muted: string;
  grid: string;
  /** one colour per series, in order */
  palette: string[];
}

/** The light page's colours; the screen passes its own from the CSS variables so dark mode reads. */
export const LIGHT_LOOK: Omit<ChartLook, 'locale'> = {
  text: '#111827',
  muted: '#4b5563',
  grid: '#cfd6de',
  palette: ['#0b5fff', '#0f766e', '#b45309', '#7c3aed', '#b42318', '#0369a1'],
};

function valueFormatter(spec: Extract<ChartSpec, { kind: 'bar' | 'stacked' | 'line' }>, locale: string) {
  if (spec.percent) {
    const f = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    return (v: number) => `${f.format(v)}%`;
  }
  if (spec.currency) {
    const scale = 10 ** exponentOf(spec.currency);
    const f = new Intl.NumberFormat(locale, { maximumFractionDigits: exponentOf(spec.currency) });
    // display only: the figures themselves stay integers in the report's table and exports
    return (v: number) => f.format(v / scale);
  }
  const f = new Intl.NumberFormat(locale);
  return (v: number) => f.format(v);
}

function axes(spec: { horizontal?: boolean }, a: { category: object; value: object }) {
  return spec.horizontal ? { xAxis: a.value, yAxis: a.category } : { xAxis: a.category, yAxis: a.value };
}

/** The ECharts option for a chart spec: no animation (prints and screenshots are stable), the page's colours. */
export function chartOption(spec: ChartSpec, look: ChartLook): Record<string, unknown> {
  const axisLabel = { color: look.muted, fontSize: 11 };
  const base = {
    animation: false,
    textStyle: { color: look.text, fontFamily: 'system-ui, sans-serif' },
    color: look.palette,
    tooltip: { trigger: spec.kind === 'heatmap' ? 'item' : 'axis', confine: true },
  };
  if (spec.kind === 'heatmap') {
    const f = new Intl.NumberFormat(look.locale, { maximumFractionDigits: 0 });
    return {
      ...base,
      grid: { left: 8, right: 8, top: 8, bottom: 48, containLabel: true },
      // no striped background: a cell not drawn (a month still to come) is the page, in either theme
      xAxis: { type: 'category', data: spec.columns, axisLabel, splitArea: { show: false } },
      yAxis: { type: 'category', data: spec.rows, axisLabel, inverse: true, splitArea: { show: false } },
      visualMap: {
        min: 0,
        max: 100,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 120,
        textStyle: { color: look.muted },
        inRange: { color: ['#eef4ff', look.palette[0]] },
      },
      series: [
        {
          type: 'heatmap',
          data: spec.cells,
          label: { show: true, fontSize: 10, formatter: (p: { value: number[] }) => `${f.format(p.value[2] ?? 0)}%` },
        },
      ],
    };
  }
  const format = valueFormatter(spec, look.locale);
  const many = spec.series.length > 1;
  return {
    ...base,
    legend: many ? { top: 0, textStyle: { color: look.text } } : undefined,
    grid: { left: 8, right: 16, top: many ? 32 : 12, bottom: 8, containLabel: true },
    ...axes(spec, {
      category: {
        type: 'category',
        data: spec.categories,
        // up to 12 bars: try every label (ECharts' automatic spacing drops every other one long before they touch);
        // labels that really overlap are still hidden
        axisLabel: {
          ...axisLabel,
          hideOverlap: !spec.horizontal,
          interval: spec.categories.length <= 12 ? 0 : 'auto',
        },
        axisLine: { lineStyle: { color: look.grid } },
        // sideways: the first category at the top, as in the table beside it
        inverse: spec.horizontal ? true : undefined,
      },
      value: {
        type: 'value',
        axisLabel: { ...axisLabel, formatter: format, hideOverlap: true },
        splitLine: { lineStyle: { color: look.grid } },
      },
    }),
    series: spec.series.map((s) => ({
      name: s.name,
      type: spec.kind === 'line' ? 'line' : 'bar',
      stack: spec.kind === 'stacked' ? 'all' : undefined,
      data: s.values,
      tooltip: { valueFormatter: format },
    })),
  };
}
