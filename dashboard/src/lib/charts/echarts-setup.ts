import { BarChart, LineChart, MapChart, ScatterChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapContinuousComponent, VisualMapPiecewiseComponent } from 'echarts/components';
import { init, registerMap, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/**
 * The one place that decides which parts of ECharts enter the bundle. A chart type or component
 * that is not registered here silently renders nothing, so add it here when an option needs it.
 */
use([
  MapChart,
  BarChart,
  ScatterChart,
  LineChart,
  GridComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
  VisualMapPiecewiseComponent,
  CanvasRenderer,
]);

export { init, registerMap };
export type { ECElementEvent, EChartsCoreOption, EChartsType } from 'echarts/core';
