// The part of ECharts the bar charts use (core, bar chart, grid, tooltip, legend, mark line, canvas): the attendance
// week and the watchlist's score histogram. Imported lazily by
// WeekChart.vue, so ECharts is fetched only when a chart is shown; the named imports keep the chunk small.
import { use, init } from 'echarts/core'
import { BarChart } from 'echarts/charts'
import { GridComponent, TooltipComponent, LegendComponent, MarkLineComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([BarChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, CanvasRenderer])

export { init }
