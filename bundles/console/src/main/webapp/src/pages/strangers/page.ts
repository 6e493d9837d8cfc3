import { definePage } from '../../pages'

// Stranger alert rules: per zone and time window an unknown face raises an alarm; repeats fold into one.
export default definePage({
  name: 'strangers', path: '/strangers', title: 'nav.strangers', order: 36,
  roles: ['security'],
  component: () => import('./StrangersPage.vue'),
  messages: {
    'zh-CN': { nav: { strangers: '陌生人告警' }, strangers: {
      rules: '陌生人告警规则', none: '还没有规则：陌生面孔不会告警。', add: '添加规则', edit: '修改规则 {name}',
      explain: '在规则的区域和时段内，识别不出的面孔会触发告警；同一张陌生面孔在合并时间内反复出现，只算一条告警并累计次数。',
      id: '规则编号', idHint: '如 dorm-night（字母、数字、. _ -）', name: '名称', zone: '区域', everyZone: '所有区域',
      days: '日期', dayMode: { all: '每天', school: '上课日', holiday: '非上课日（周末、节假日）', weekdays: '指定星期' },
      from: '开始时间', to: '结束时间', window: { title: '时段', day: '全天', overnight: '跨夜（到次日）', 'same-day': '当天' },
      overnight: '（跨夜）', severity: '告警级别', fold: '合并时间', foldHint: '同一陌生面孔在这么多分钟内只告警一次。',
      minutes: '{n} 分钟', enabled: '启用',
      problem: { 'bad-rule-id': '1–64 个字母、数字或 . _ -。', missing: '必填。', 'bad-days': '请至少勾选一天。',
        'bad-window': '时间格式为 时:分。', 'bad-fold': '1 到 1440 分钟。' },
      fixFields: '请先改正标出的字段。', saved: '已保存规则 {name}。', confirmDelete: '确定删除规则 {name}？',
      deleted: '已删除规则 {name}。',
      alerts: '最近的陌生人告警', noAlerts: '还没有陌生人告警。', rule: '规则', count: '次数', firstAt: '首次出现',
      lastAt: '最近出现', alarm: '告警 #{id}',
    } },
    en: { nav: { strangers: 'Stranger alerts' }, strangers: {
      rules: 'Stranger alert rules', none: 'No rule yet: unknown faces raise no alarm.', add: 'Add a rule', edit: 'Change rule {name}',
      explain: 'In the zone and time window of a rule, a face nobody matched raises an alarm; the same unknown face seen again within the fold time adds to the count of that one alarm.',
      id: 'Rule id', idHint: 'e.g. dorm-night (letters, digits, . _ -)', name: 'Name', zone: 'Zone', everyZone: 'Every zone',
      days: 'Days', dayMode: { all: 'Every day', school: 'School days', holiday: 'Days without school (weekends, holidays)', weekdays: 'Days of the week' },
      from: 'From', to: 'To', window: { title: 'Window', day: 'All day', overnight: 'Overnight (into the next day)', 'same-day': 'Same day' },
      overnight: ' (overnight)', severity: 'Severity', fold: 'Fold time', foldHint: 'The same unknown face raises one alarm within this many minutes.',
      minutes: '{n} min', enabled: 'Enabled',
      problem: { 'bad-rule-id': '1–64 letters, digits or . _ -.', missing: 'Required.', 'bad-days': 'Tick at least one day.',
        'bad-window': 'Times are hours:minutes.', 'bad-fold': '1 to 1440 minutes.' },
      fixFields: 'Correct the marked fields first.', saved: 'Rule {name} saved.', confirmDelete: 'Delete rule {name}?',
      deleted: 'Rule {name} deleted.',
      alerts: 'Recent stranger alerts', noAlerts: 'No stranger alert yet.', rule: 'Rule', count: 'Count', firstAt: 'First seen',
      lastAt: 'Last seen', alarm: 'alarm #{id}',
    } },
  },
})
