import { definePage } from '../../pages'

// Visitors (访客): the guard room sees every visit, a teacher the visits it hosts; walk-in registration with a photo,
// invitation links, approve / reject / cancel / mark left. The detail of one visit is the route #/visits/:id
// (pages/visit), where the host's message links.
export default definePage({
  name: 'visitors', path: '/visitors', title: 'nav.visitors', order: 27,
  roles: ['security', 'teacher'],
  component: () => import('./VisitorsPage.vue'),
  messages: {
    'zh-CN': { nav: { visitors: '访客' }, visitors: {
      list: '{date} 的来访', listAll: '全部来访', none: '没有符合条件的来访。', date: '日期', allDays: '全部日期',
      today: '今天', refresh: '刷新', visitor: '访客', host: '被访人', window: '来访时间', photo: '照片',
      idNumber: '证件号', phone: '手机号', purpose: '事由', source: '来源', seen: '到访 / 离开',
      arrived: '{time} 到达', left: '{time} 离开', lastSeen: '最近出现 {time}', overstay: '超时未离',
      overstayHint: '来访时间已过，访客仍在校内。', detail: '详情', noPhoto: '无照片',
      walkIn: '门卫室登记', invite: '邀请访客', ownOnly: '你看到的是你作为被访人的来访。',
      do: { approve: '批准', reject: '拒绝', cancel: '取消', leave: '登记离开' },
      confirm: { leave: '确认 {name} 已离开学校？', approve: '' },
      note: { reject: '拒绝的原因（会告诉访客和被访人）', cancel: '取消的原因' },
      noteTitle: { reject: '拒绝 {name} 的来访', cancel: '取消 {name} 的来访' }, noteOptional: '可以不填',
      done: '{name} 的来访现在是“{state}”。',
      form: {
        title: '门卫室登记访客', step1: '1. 访客信息', step2: '2. 拍照', name: '姓名', phone: '手机号',
        idNumber: '证件号（身份证或其他证件）', host: '被访人', purpose: '来访事由', from: '开始', to: '结束',
        register: '登记', registered: '已登记 {name}（#{id}），请拍照。', photoDone: '照片已通过，来访等待审批。',
        approveNow: '立即批准', skipPhoto: '稍后拍照', finish: '完成', fix: '请先改正标出的字段。',
        hostHint: '输入姓名、工号或手机号搜索教职工', change: '换一个', noHost: '没有找到这位教职工。',
        problem: {
          required: '必填。', 'missing-name': '请填写姓名。', 'bad-name': '姓名最多 100 个字。',
          'bad-phone': '手机号只能是数字（5–20 位）、空格和 + - ( )。', 'missing-phone': '请填写手机号。',
          'bad-id-number': '身份证 18 位（最后一位可为 X，请核对每一位），其他证件 6–32 位字母或数字。',
          past: '这个时间已经过去了。', window: '结束必须晚于开始。', long: '最多 200 个字。',
        },
      },
      photoBox: {
        file: '照片文件（JPEG 或 PNG）', upload: '上传照片', camera: '用摄像头拍照', take: '拍照', stop: '关闭摄像头',
        sending: '正在检查照片…', accepted: '照片已通过人脸检查。', refused: '照片未通过：', pickFile: '请先选择一张照片。',
        replace: '更换照片',
      },
      inviteForm: {
        title: '邀请访客', ownHost: '被访人：你自己（{name}）',
        create: '生成邀请链接', link: '把这个链接发给访客（一次有效，{time} 前可用）：', copy: '复制链接',
        copied: '已复制。', copyFailed: '无法自动复制，请长按或选中链接手动复制。', another: '再邀请一位',
        noPerson: '你的账号没有关联教职工身份，不能以自己的名义邀请。请联系管理员。',
      },
      trail: {
        title: '行踪', none: '还没有在任何闸机或摄像头出现。', gate: '位置', zone: '区域', direction: '方向',
        dir: { in: '进', out: '出', none: '—' },
      },
      detailTitle: '来访 #{id}', back: '返回访客列表', decided: '{who} 于 {time} 处理', created: '{who} 于 {time} 登记',
      noteShown: '备注：{note}',
    } },
    en: { nav: { visitors: 'Visitors' }, visitors: {
      list: 'Visits on {date}', listAll: 'All visits', none: 'No visit matches.', date: 'Date', allDays: 'Every day',
      today: 'Today', refresh: 'Refresh', visitor: 'Visitor', host: 'Host', window: 'Time window', photo: 'Photo',
      idNumber: 'ID number', phone: 'Phone', purpose: 'Purpose', source: 'Source', seen: 'Arrived / left',
      arrived: 'arrived {time}', left: 'left {time}', lastSeen: 'last seen {time}', overstay: 'Overstaying',
      overstayHint: 'The time window is over and the visitor is still on campus.', detail: 'Details', noPhoto: 'No photo',
      walkIn: 'Register a walk-in', invite: 'Invite a visitor', ownOnly: 'You see the visits you host.',
      do: { approve: 'Approve', reject: 'Reject', cancel: 'Cancel', leave: 'Mark as left' },
      confirm: { leave: 'Has {name} left the campus?', approve: '' },
      note: { reject: 'Why (the visitor and the host are told)', cancel: 'Why' },
      noteTitle: { reject: 'Reject the visit of {name}', cancel: 'Cancel the visit of {name}' }, noteOptional: 'optional',
      done: 'The visit of {name} is now "{state}".',
      form: {
        title: 'Register a walk-in visitor', step1: '1. The visitor', step2: '2. Photo', name: 'Name', phone: 'Phone',
        idNumber: 'ID number (identity card or other document)', host: 'Host', purpose: 'Purpose', from: 'From', to: 'To',
        register: 'Register', registered: '{name} is registered (#{id}); now take a photo.',
        photoDone: 'The photo is accepted; the visit waits for approval.', approveNow: 'Approve now',
        skipPhoto: 'Photo later', finish: 'Done', fix: 'Please correct the marked fields first.',
        hostHint: 'Search staff by name, id or phone', change: 'Change', noHost: 'No such staff member.',
        problem: {
          required: 'Required.', 'missing-name': 'Enter the name.', 'bad-name': 'At most 100 characters.',
          'bad-phone': 'Digits (5 to 20), spaces and + - ( ) only.', 'missing-phone': 'Enter the phone number.',
          'bad-id-number': 'An identity card has 18 characters (the last may be X; check each one), another document 6 to 32 letters or digits.',
          past: 'This time is already over.', window: 'The end must come after the start.', long: 'At most 200 characters.',
        },
      },
      photoBox: {
        file: 'Photo file (JPEG or PNG)', upload: 'Upload photo', camera: 'Use the camera', take: 'Take photo',
        stop: 'Close the camera', sending: 'Checking the photo…', accepted: 'The photo passed the face check.',
        refused: 'The photo was refused: ', pickFile: 'Choose a photo first.', replace: 'Replace the photo',
      },
      inviteForm: {
        title: 'Invite a visitor', ownHost: 'Host: you ({name})',
        create: 'Create the link', link: 'Send this link to the visitor (works once, until {time}):', copy: 'Copy link',
        copied: 'Copied.', copyFailed: 'The link cannot be copied automatically; select it and copy it by hand.',
        another: 'Invite another', noPerson: 'Your account is not linked to a staff member, so it cannot invite in its own name. Ask an administrator.',
      },
      trail: {
        title: 'Trail', none: 'Not seen by any gate or camera yet.', gate: 'Where', zone: 'Zone', direction: 'Direction',
        dir: { in: 'in', out: 'out', none: '—' },
      },
      detailTitle: 'Visit #{id}', back: 'Back to the visitors', decided: 'decided by {who} at {time}',
      created: 'registered by {who} at {time}', noteShown: 'Note: {note}',
    } },
  },
})
