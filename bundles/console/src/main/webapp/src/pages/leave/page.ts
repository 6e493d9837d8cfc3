import { definePage } from '../../pages'

// Early-leave passes: teachers request and decide for their class, admins for all, security reads.
export default definePage({
  name: 'leave', path: '/leave', title: 'nav.leave', order: 26,
  roles: ['security', 'teacher'],
  component: () => import('./LeavePage.vue'),
  messages: {
    'zh-CN': { nav: { leave: '请假' }, leave: {
      list: '请假条', none: '没有符合条件的请假条。', day: '日期', class: '班级', allClasses: '全部班级', refresh: '刷新',
      who: '申请 / 处理', requestedBy: '申请人 {who}', decidedBy: '处理人 {who}',
      readOnly: '你的角色只能查看请假条；班主任和管理员可以申请和批准。',
      do: { approve: '批准', reject: '驳回', cancel: '撤销' },
      confirm: { reject: '确定驳回 {name} 的请假吗？', cancel: '确定撤销 {name} 的请假吗？' },
      done: '请假条 #{id} 现在是“{state}”。', fix: '请先改正标出的字段。',
      change: '换一个', searchHint: '输入姓名、学号或班级搜索', noStudent: '没有找到这个学生。',
    } },
    en: { nav: { leave: 'Leave passes' }, leave: {
      list: 'Leave passes', none: 'No leave pass matches.', day: 'Day', class: 'Class', allClasses: 'All classes',
      refresh: 'Refresh', who: 'Requested / decided', requestedBy: 'by {who}', decidedBy: 'decided by {who}',
      readOnly: 'Your role can read leave passes; class teachers and admins request and approve them.',
      do: { approve: 'Approve', reject: 'Reject', cancel: 'Cancel' },
      confirm: { reject: 'Reject the leave of {name}?', cancel: 'Cancel the leave of {name}?' },
      done: 'Leave pass #{id} is now "{state}".', fix: 'Please correct the marked fields first.',
      change: 'Change', searchHint: 'Search by name, id or class', noStudent: 'No such student.',
    } },
  },
})
