import { definePage } from '../../pages'

// The parents' view, phone-sized: a guardian sees its own children only (the server checks every call).
export default definePage({
  name: 'parent', path: '/parent', title: 'nav.parent', order: 5, layout: 'phone',
  roles: ['guardian'],
  component: () => import('./ParentPage.vue'),
  messages: {
    'zh-CN': { nav: { parent: '我的孩子' }, parent: {
      children: '我的孩子', noChildren: '你的账号还没有绑定孩子。请联系班主任或学校管理员绑定。',
      klass: '{group} 班', noClass: '未分班',
      status: { in: '在校', out: '已离校', notYet: '今天尚未入校' },
      since: { in: '{time} 入校', out: '{time} 离校' },
      today: '今日通行', earlier: '此前的通行',
      noPassagesToday: '今天还没有通行记录。',
      liveHint: '孩子通过闸机时，新记录会自动出现在最上面。',
      direction: { in: '进校', out: '出校' }, gate: '闸机 {id}', temperature: '体温 {value} °C',
      tapToEnlarge: '点击照片可放大', snapshotOf: '{name} 的通行抓拍',
      attendance: '最近 7 天出勤', firstIn: '入校 {time}', lastOut: '离校 {time}', noRecord: '无通行记录',
      notices: '学校通知', noNotices: '暂时没有通知。', unread: '未读', unreadCount: '{n} 条未读',
      markRead: '标为已读', readAt: '已读 · {time}', sentAt: '发送于 {time}', untitled: '（无标题）',
      moreNotices: '加载更多通知',
      leave: { title: '请假', none: '还没有请假记录。', send: '提交给班主任', fix: '请先改正标出的字段。' },
      err: {
        noPerson: '你的账号还没有关联到家长档案，暂时看不到孩子的信息。请联系班主任或学校管理员为账号关联家长档案。',
        notYourChild: '这个孩子没有与你的账号绑定，无法查看。如有疑问请联系学校。',
        forbidden: '你的账号没有查看此内容的权限。请联系学校确认账号设置。',
      },
    } },
    en: { nav: { parent: 'My children' }, parent: {
      children: 'My children', noChildren: 'No child is bound to your account yet. Please ask the class teacher or the school office.',
      klass: 'Class {group}', noClass: 'No class',
      status: { in: 'At school', out: 'Gone home', notYet: 'Not arrived today' },
      since: { in: 'in at {time}', out: 'out at {time}' },
      today: 'Today', earlier: 'Earlier',
      noPassagesToday: 'No passages today.',
      liveHint: 'When your child passes a gate, the new passage appears at the top by itself.',
      direction: { in: 'In', out: 'Out' }, gate: 'Gate {id}', temperature: '{value} °C',
      tapToEnlarge: 'Tap a photo to enlarge it', snapshotOf: 'Gate photo of {name}',
      attendance: 'Attendance, last 7 days', firstIn: 'in {time}', lastOut: 'out {time}', noRecord: 'No passage',
      notices: 'Notices from the school', noNotices: 'No notices yet.', unread: 'Unread', unreadCount: '{n} unread',
      markRead: 'Mark as read', readAt: 'Read · {time}', sentAt: 'Sent {time}', untitled: '(no title)',
      moreNotices: 'More notices',
      leave: { title: 'Leave', none: 'No leave requested yet.', send: 'Send to the class teacher',
        fix: 'Please correct the marked fields first.' },
      err: {
        noPerson: 'Your account is not linked to a guardian record yet, so your children cannot be shown. Please ask the class teacher or the school office to link it.',
        notYourChild: 'This child is not bound to your account. Please ask the school if this is wrong.',
        forbidden: 'Your account may not see this. Please ask the school to check your account.',
      },
    } },
  },
})
