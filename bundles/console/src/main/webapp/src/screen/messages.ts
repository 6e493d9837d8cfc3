// The big screen's own texts (zh-CN default, en); shared words (roles, severities, device states, gate reasons) come
// from src/locales.
export const messages = {
  'zh-CN': {
    screen: {
      title: '门卫室大屏', forbidden: '大屏仅限安保人员和管理员使用。', signOut: '换个账号登录',
      live: '实时', reconnecting: '连接中断，正在重连…', updated: '更新于 {time}', loadFailed: '读取失败：{error}',
      unavailable: '此项服务未运行',
      visitors: '今日访客', expected: '待到访', onCampus: '在校', left: '已离校', overstay: '超时未离',
      noVisits: '今天没有访客。', host: '被访人 {name}', arrived: '{time} 到达', more: '另有 {n} 项',
      campus: '当前在校人数', total: '合计',
      attendance: '今日学生出勤率', present: '已到 {present} / 应到 {expected}', notSchoolDay: '今天不是上学日',
      alarms: '未处理报警', noAlarms: '没有未处理的报警。', times: '{n} 次', age: '已持续 {age}',
      devices: '设备状态', online: '在线', offline: '离线/故障', allOnline: '所有设备在线。',
      passages: '最新通行', noPassages: '还没有通行记录。', stranger: '陌生人', in: '进', out: '出',
      open: '放行', denied: '拒绝', unknown: '未判定',
      visitState: { PENDING: '待审批', APPROVED: '已批准', REJECTED: '已拒绝', ARRIVED: '在校', LEFT: '已离校',
        EXPIRED: '已过期', CANCELLED: '已取消' },
    },
  },
  en: {
    screen: {
      title: 'Guard-room screen', forbidden: 'The big screen is for security staff and administrators only.',
      signOut: 'Sign in as someone else',
      live: 'Live', reconnecting: 'Connection lost, reconnecting…', updated: 'Updated {time}',
      loadFailed: 'Could not read: {error}', unavailable: 'This service is not running',
      visitors: 'Visitors today', expected: 'Expected', onCampus: 'On campus', left: 'Left', overstay: 'Overstaying',
      noVisits: 'No visitors today.', host: 'Visiting {name}', arrived: 'arrived {time}', more: '{n} more',
      campus: 'On campus now', total: 'Total',
      attendance: 'Student attendance today', present: '{present} of {expected} present',
      notSchoolDay: 'Not a school day',
      alarms: 'Open alarms', noAlarms: 'No open alarms.', times: '{n} times', age: 'for {age}',
      devices: 'Devices', online: 'Online', offline: 'Offline/fault', allOnline: 'Every device is online.',
      passages: 'Latest passages', noPassages: 'No passages yet.', stranger: 'Stranger', in: 'In', out: 'Out',
      open: 'Opened', denied: 'Denied', unknown: 'Not decided',
      visitState: { PENDING: 'Pending', APPROVED: 'Approved', REJECTED: 'Rejected', ARRIVED: 'On campus',
        LEFT: 'Left', EXPIRED: 'Expired', CANCELLED: 'Cancelled' },
    },
  },
}
