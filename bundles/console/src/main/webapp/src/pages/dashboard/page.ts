import { definePage } from '../../pages'

export default definePage({
  name: 'dashboard', path: '/dashboard', title: 'nav.dashboard', order: 10,
  roles: ['security', 'integrator', 'teacher'],
  component: () => import('./DashboardPage.vue'),
  messages: {
    'zh-CN': { nav: { dashboard: '总览' }, dashboard: {
      alarms: '未处理告警', events: '实时事件', devices: '设备状态', counts: '今日统计',
      ack: '确认', resolve: '解决', notePlaceholder: '处理说明（可选）', timeline: '处理记录',
      passages: '今日通行', eventsToday: '今日事件', open: '未处理', offline: '离线设备',
      noAlarms: '没有未处理的告警。', noEvents: '暂无事件；新事件会自动出现。', noDevices: '尚未登记设备。',
      count: '次数', first: '首次', last: '最近', ackBy: '确认人', doneAck: '已确认告警 #{id}。', doneResolve: '已解决告警 #{id}。', onDuty: '当前值班', nobodyOnDuty: '现在没有人值班。'
    } },
    en: { nav: { dashboard: 'Dashboard' }, dashboard: {
      alarms: 'Open alarms', events: 'Live events', devices: 'Device health', counts: 'Today',
      ack: 'Acknowledge', resolve: 'Resolve', notePlaceholder: 'Note (optional)', timeline: 'Timeline',
      passages: 'Passages today', eventsToday: 'Events today', open: 'Open', offline: 'Devices offline',
      noAlarms: 'No open alarms.', noEvents: 'No events yet; new ones appear here by themselves.',
      noDevices: 'No devices registered yet.', count: 'Count', first: 'First', last: 'Last', ackBy: 'Acknowledged by',
      doneAck: 'Alarm #{id} acknowledged.', doneResolve: 'Alarm #{id} resolved.', onDuty: 'On duty now', nobodyOnDuty: 'Nobody is on duty now.'
    } },
  },
})
