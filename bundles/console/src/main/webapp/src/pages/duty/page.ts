import { definePage } from '../../pages'

export default definePage({
  name: 'duty', path: '/duty', title: 'nav.duty', order: 60,
  roles: ['security', 'teacher', 'integrator'],
  component: () => import('./DutyPage.vue'),
  messages: {
    'zh-CN': { nav: { duty: '值班表' }, duty: {
      now: '当前值班', nobody: '现在没有人值班。', roster: '值班安排', none: '还没有值班安排。', new: '新增班次',
      edit: '修改班次 {id}', postCol: '岗位', days: '星期', validity: '有效期', onNow: '正在值班', always: '长期',
      everyDay: '每天', sep: '、', wholeDay: '全天（{start} 起）', nextDay: '（次日）', dates: '{from} 至 {until}',
      id: '编号', idAuto: '留空自动生成', choosePerson: '请选择人员', site: '校区', firstSite: '默认校区',
      start: '开始时间', end: '结束时间', spanHelp: '结束时间不晚于开始时间表示跨夜到次日；开始与结束相同表示全天。',
      noDaysHelp: '不选表示每天。', from: '开始日期', until: '结束日期（含）',
      saved: '班次 {id} 已保存。', deleted: '班次 {id} 已删除。', confirmDelete: '删除班次：{post} {person} {time}？',
      post: { 'guard-room': '门卫室', leader: '值班领导', gate: '校门岗', patrol: '巡逻' },
      problem: { badId: '编号只能包含字母、数字和 - _ . :（最多 64 个字符）。', idTaken: '这个编号已被使用。',
        noPerson: '请选择值班人员。', badPost: '岗位须为小写字母、数字和连字符，例如 guard-room。',
        noStart: '请填写开始时间。', noEnd: '请填写结束时间。', badDate: '日期格式不正确。', datesOrder: '结束日期早于开始日期。' },
    } },
    en: { nav: { duty: 'Duty roster' }, duty: {
      now: 'On duty now', nobody: 'Nobody is on duty right now.', roster: 'Roster', none: 'No shifts yet.', new: 'New shift',
      edit: 'Edit shift {id}', postCol: 'Post', days: 'Days', validity: 'Valid', onNow: 'On duty now', always: 'Always',
      everyDay: 'Every day', sep: ', ', wholeDay: 'All day (from {start})', nextDay: '(next day)', dates: '{from} to {until}',
      id: 'Id', idAuto: 'Leave empty for a generated one', choosePerson: 'Choose a person', site: 'Site',
      firstSite: 'Default site', start: 'Start', end: 'End',
      spanHelp: 'An end at or before the start runs into the next day; start equal to end is a whole day.',
      noDaysHelp: 'None means every day.', from: 'First date', until: 'Last date (inclusive)',
      saved: 'Shift {id} saved.', deleted: 'Shift {id} deleted.', confirmDelete: 'Delete the shift {post} {person} {time}?',
      post: { 'guard-room': 'Guard room', leader: 'Duty leader', gate: 'School gate', patrol: 'Patrol' },
      problem: { badId: 'The id may hold letters, digits and - _ . : (64 at most).', idTaken: 'That id is taken.',
        noPerson: 'Choose who is on duty.', badPost: 'The post is lower-case letters, digits and dashes, e.g. guard-room.',
        noStart: 'Give the start time.', noEnd: 'Give the end time.', badDate: 'A date is not valid.',
        datesOrder: 'The last date is before the first date.' },
    } },
  },
})
