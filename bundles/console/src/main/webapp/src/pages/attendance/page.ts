import { definePage } from '../../pages'

export default definePage({
  name: 'attendance', path: '/attendance', title: 'nav.attendance', order: 25,
  roles: ['security', 'teacher'],
  component: () => import('./AttendancePage.vue'),
  messages: {
    'zh-CN': { nav: { attendance: '考勤' }, attendance: {
      choose: '日期和班级', date: '日期', class: '班级', allClasses: '全部班级', classN: '{n} 班', refresh: '刷新',
      homeroom: '班主任班级：{n} 班', noHomeroom: '此账号还没有关联班级，请管理员把它关联到带班级的教职工记录。',
      classesUnavailable: '无法读取班级列表：', day: '{date} 出勤', none: '没有学生记录。', students: '学生',
      present: '到校', absent: '缺勤', firstIn: '首次进校', lastOut: '最后离校',
      lateNote: '到校 = 当天经过校门；缺勤 = 当天没有任何通行记录。系统暂不判断迟到。',
      week: '近 7 天出勤', someDaysFailed: '有 {n} 天的数据读取失败：', chartFailed: '图表无法显示：{message}',
    } },
    en: { nav: { attendance: 'Attendance' }, attendance: {
      choose: 'Day and class', date: 'Date', class: 'Class', allClasses: 'All classes', classN: 'Class {n}', refresh: 'Refresh',
      homeroom: 'Your class: {n}', noHomeroom: 'This account has no class yet; an admin must link it to a staff record with a class.',
      classesUnavailable: 'Cannot read the classes:', day: 'Attendance on {date}', none: 'No students.', students: 'Students',
      present: 'Present', absent: 'Absent', firstIn: 'First in', lastOut: 'Last out',
      lateNote: 'Present = passed a gate that day; absent = no passage that day. Lateness is not judged yet.',
      week: 'Last 7 days', someDaysFailed: '{n} days could not be read:', chartFailed: 'The chart cannot be shown: {message}',
    } },
  },
})
