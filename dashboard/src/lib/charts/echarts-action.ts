import type { ECElementEvent, EChartsCoreOption, EChartsType } from './echarts-setup.ts';
import { init } from './echarts-setup.ts';
import { prefersReducedMotion, withMotionPreference } from './reduced-motion.ts';

export interface EChartsActionParams {
  option: EChartsCoreOption;
  onClick?: (event: ECElementEvent) => void;
  /** Called after every completed render (first paint, new option, resize, zoom), with the live chart. */
  onRendered?: (chart: EChartsType) => void;
}

/**
 * ECharts as a Svelte action: the only place that creates, updates, resizes and disposes a chart.
 * Options are replaced whole (`notMerge`), so a builder's output is exactly what is drawn.
 */
export function echarts(node: HTMLElement, params: EChartsActionParams) {
  const chart = init(node, null, { renderer: 'canvas' });
  let current = params;
  // Listen before the first setOption: without animation ECharts renders, and reports it, synchronously.
  chart.on('click', (event) => current.onClick?.(event as ECElementEvent));
  chart.on('finished', () => current.onRendered?.(chart));
  // Read per render: the preference can change while the page is open.
  const draw = (option: EChartsCoreOption) =>
    chart.setOption(withMotionPreference(option, prefersReducedMotion()), { notMerge: true });
  draw(current.option);

  // Resize with the container, not the window: layout changes (a sidebar, a font zoom) count too.
  // The observer's first call only reports the size `init` already used; a large map would redraw for nothing.
  let width = node.clientWidth;
  let height = node.clientHeight;
  const observer = new ResizeObserver(() => {
    if (node.clientWidth === width && node.clientHeight === height) return;
    width = node.clientWidth;
    height = node.clientHeight;
    chart.resize();
  });
  observer.observe(node);

  return {
    update(next: EChartsActionParams) {
      const optionChanged = next.option !== current.option;
      current = next;
      if (optionChanged) draw(next.option);
    },
    destroy() {
      observer.disconnect();
      chart.dispose();
    },
  };
}
