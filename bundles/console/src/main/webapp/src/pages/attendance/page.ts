import { definePage } from '../../pages'

export default definePage({
  name: 'attendance', path: '/attendance', title: 'nav.attendance', order: 25,
  roles: ['security', 'teacher'],
  component: () => import('./AttendancePage.vue'),
  messages: {
    'zh-CN': { nav: { attendance: '考勤' }, attendance: {
      choose: '日期范围和班级', from: '从', to: '到', date: '日期', class: '班级', allClasses: '全部班级', classN: '{n} 班',
      refresh: '刷新', homeroom: '班主任班级：{n} 班', noHomeroom: '此账号还没有关联班级，请管理员把它关联到带班级的教职工记录。',
      classesUnavailable: '无法读取班级列表：', records: '{from} 至 {to} 的考勤', none: '这段时间没有考勤记录。',
      noneOfStatus: '没有这种状态的记录。', firstIn: '首次进校', lastOut: '最后离校', leavePass: '请假条 #{id}',
      summary: '每日汇总', noSummary: '这段时间没有汇总数据。', chartFailed: '图表无法显示：{message}', week: '每日汇总',
      by: '报表按', byDay: '日', byMonth: '月', csv: '下载 CSV', xlsx: '下载 Excel (XLSX)', downloaded: '已下载 {name}。',
      problem: { missing: '请填写开始和结束日期。', order: '开始日期不能晚于结束日期。', tooLong: '一次最多查询 366 天。' },
    } },
    en: { nav: { attendance: 'Attendance' }, attendance: {
      choose: 'Dates and class', from: 'From', to: 'To', date: 'Date', class: 'Class', allClasses: 'All classes',
      classN: 'Class {n}', refresh: 'Refresh', homeroom: 'Your class: {n}',
      noHomeroom: 'This account has no class yet; an admin must link it to a staff record with a class.',
      classesUnavailable: 'Cannot read the classes:', records: 'Attendance from {from} to {to}', none: 'No attendance in these days.',
      noneOfStatus: 'No record with this status.', firstIn: 'First in', lastOut: 'Last out', leavePass: 'Leave pass #{id}',
      summary: 'Per day', noSummary: 'No figures for these days.', chartFailed: 'The chart cannot be shown: {message}', week: 'Per day',
      by: 'Report by', byDay: 'day', byMonth: 'month', csv: 'Download CSV', xlsx: 'Download Excel (XLSX)',
      downloaded: 'Downloaded {name}.',
      problem: { missing: 'Give a start and an end date.', order: 'The start must not be after the end.',
        tooLong: 'At most 366 days at once.' },
    } },
  },
})
