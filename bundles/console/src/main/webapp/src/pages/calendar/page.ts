import { definePage } from '../../pages'

// The school calendar and timetable: terms, school days, holidays and make-up days, arrive-by / leave-after per grade.
export default definePage({
  name: 'calendar', path: '/calendar', title: 'nav.calendar', order: 27,
  roles: ['security'],
  component: () => import('./CalendarPage.vue'),
  messages: {
    'zh-CN': { nav: { calendar: '校历与作息' }, calendar: {
      readOnly: '只有管理员可以修改校历和作息；你可以查看。', prevMonth: '上个月', thisMonth: '本月', nextMonth: '下个月',
      kind: { school: '上课日', holiday: '放假', makeup: '调休上课', off: '休息日' },
      mark: { holiday: '放假（不上课）', makeup: '调休（上课）', clear: '清除标记（按学期和周末）' },
      markDay: '标记 {date}', noteHint: '如：国庆节、运动会', marked: '{date} 已设为“{kind}”。',
      terms: '学期', noTerms: '还没有设置学期。', newTerm: '添加学期', editTerm: '修改学期', termId: '编号',
      termSaved: '学期“{name}”已保存。', termDeleted: '学期“{name}”已删除。',
      rules: '作息（按年级）', noRules: '还没有作息规则：不判断迟到和早退。', newRule: '添加规则', editRule: '修改规则',
      rulesHint: '晚于“到校时间”入校算迟到，早于“离校时间”离校算早退；“所有年级”是没有单独规则的年级的默认值。',
      grade: '年级', gradeN: '{n} 年级', anyGrade: '所有年级（默认）', gradeHint: '如 3；* 表示所有年级',
      arriveBy: '到校时间', leaveAfter: '离校时间', ruleSaved: '{grade} 的作息已保存。', ruleDeleted: '{grade} 的作息已删除。',
      fix: '请先改正标出的字段。',
      problem: { required: '必填。', id: '只能用 1-64 个字母、数字、-、_、. 或 :。', order: '结束不能早于开始。',
        time: '时间格式为 HH:mm。', grade: '年级只能用字母、数字、-、_，或 * 表示所有年级。' },
    } },
    en: { nav: { calendar: 'Calendar and hours' }, calendar: {
      readOnly: 'Only admins can change the calendar and the hours; you can read them.', prevMonth: 'Previous month',
      thisMonth: 'This month', nextMonth: 'Next month',
      kind: { school: 'School day', holiday: 'Holiday', makeup: 'Make-up day', off: 'Day off' },
      mark: { holiday: 'Holiday (no school)', makeup: 'Make-up day (school)', clear: 'Clear (term and weekends decide)' },
      markDay: 'Mark {date}', noteHint: 'e.g. National Day, sports day', marked: '{date} is now "{kind}".',
      terms: 'Terms', noTerms: 'No term yet.', newTerm: 'Add a term', editTerm: 'Edit term', termId: 'Id',
      termSaved: 'Term "{name}" saved.', termDeleted: 'Term "{name}" deleted.',
      rules: 'Hours per grade', noRules: 'No rule yet: lateness and leaving early are not judged.', newRule: 'Add a rule',
      editRule: 'Edit rule',
      rulesHint: 'Arriving after "arrive by" is late, leaving before "leave after" is leaving early; "all grades" applies to grades without their own rule.',
      grade: 'Grade', gradeN: 'Grade {n}', anyGrade: 'All grades (default)', gradeHint: 'e.g. 3; * for all grades',
      arriveBy: 'Arrive by', leaveAfter: 'Leave after', ruleSaved: 'Hours of {grade} saved.', ruleDeleted: 'Hours of {grade} deleted.',
      fix: 'Please correct the marked fields first.',
      problem: { required: 'Required.', id: "1-64 letters, digits, '-', '_', '.' or ':' only.",
        order: 'The end must not be before the start.', time: 'Times are HH:mm.',
        grade: "Letters, digits, '-' and '_' only, or * for all grades." },
    } },
  },
})
