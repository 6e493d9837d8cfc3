// The part of ECharts the week chart uses (core, bar chart, grid, tooltip, legend, canvas). Imported lazily by
// WeekChart.vue, so ECharts is fetched only when a chart is shown; the named imports keep the chunk small.
import { use, init } from 'echarts/core'
import { BarChart } from 'echarts/charts'
import { GridComponent, TooltipComponent, LegendComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer])

export { init }
