import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { type ChartLook, type ChartSpec, chartOption, LIGHT_LOOK } from '../../shared/charts';
import { useShopFormat } from './format';

echarts.use([
  BarChart,
  LineChart,
  HeatmapChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
]);

/** The page's own colours from its CSS variables, so the chart reads in the light and the dark theme alike. */
function pageLook(locale: string): ChartLook {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    locale,
    text: v('--text', LIGHT_LOOK.text),
    muted: v('--muted', LIGHT_LOOK.muted),
    grid: v('--border', LIGHT_LOOK.grid),
    palette: [
      v('--primary', LIGHT_LOOK.palette[0] as string),
      v('--accent', LIGHT_LOOK.palette[1] as string),
      ...LIGHT_LOOK.palette.slice(2),
    ],
  };
}

/**
 * One chart (Apache ECharts, SVG renderer). `label` names it for screen readers; the figures themselves are in the
 * table beside it, which is what a screen reader reads.
 */
export function Chart({ spec, label, height = 240 }: { spec: ChartSpec; label: string; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const { locale } = useShopFormat();
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, null, { renderer: 'svg' });
    const draw = () => chart.setOption(chartOption(spec, pageLook(locale)), true);
    draw();
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el);
    // the theme switch changes data-theme on <html>: redraw in the new colours
    const theme = new MutationObserver(draw);
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      resize.disconnect();
      theme.disconnect();
      chart.dispose();
    };
  }, [spec, locale]);
  return <div ref={ref} className="chart" role="img" aria-label={label} style={{ height }} />;
}
