import { definePage } from '../../pages'

export default definePage({
  name: 'outbox', path: '/outbox', title: 'nav.outbox', order: 65,
  roles: ['integrator', 'security'],
  component: () => import('./OutboxPage.vue'),
  messages: {
    'zh-CN': { nav: { outbox: '发件箱' }, outbox: {
      title: '待发与已发消息', none: '没有消息。', refresh: '刷新', message: '消息详情',
      liveHelp: '状态变化会自动更新；点击一行查看详情。', liveCount: '已实时更新 {n} 次',
      kindCol: '类型', channelCol: '渠道', recipient: '接收方', attempts: '尝试次数', nextTry: '下次尝试：{time}',
      status: { QUEUED: '排队中', SENT: '已发出', DELIVERED: '已送达', FAILED: '失败' },
      channel: { sms: '短信', email: '邮件', webhook: 'Webhook', mqtt: 'MQTT' },
      kind: { alarm: '告警', notice: '家校通知', gate: { passage: '通行提醒' } },
      prio: { LOW: '低', NORMAL: '普通', CRITICAL: '紧急' },
      field: { id: '编号', kind: '类型', channel: '渠道', channelUsed: '实际渠道', fallbackChannel: '备用渠道',
        filter: '渠道筛选', recipient: '接收方', subject: '主题', priority: '优先级', status: '状态', attempts: '尝试次数',
        created: '入队时间', nextAttempt: '下次尝试', sentAt: '发送时间', provider: '服务商', providerMessageId: '服务商消息号',
        lastError: '最近错误' },
    } },
    en: { nav: { outbox: 'Outbox' }, outbox: {
      title: 'Queued and sent messages', none: 'No messages.', refresh: 'Refresh', message: 'Message',
      liveHelp: 'Status changes appear by themselves; click a row for the details.', liveCount: '{n} live updates',
      kindCol: 'Kind', channelCol: 'Channel', recipient: 'Recipient', attempts: 'Attempts', nextTry: 'Next try: {time}',
      status: { QUEUED: 'Queued', SENT: 'Sent', DELIVERED: 'Delivered', FAILED: 'Failed' },
      channel: { sms: 'SMS', email: 'E-mail', webhook: 'Webhook', mqtt: 'MQTT' },
      kind: { alarm: 'Alarm', notice: 'Notice', gate: { passage: 'Gate passage' } },
      prio: { LOW: 'Low', NORMAL: 'Normal', CRITICAL: 'Urgent' },
      field: { id: 'Id', kind: 'Kind', channel: 'Channel', channelUsed: 'Channel used', fallbackChannel: 'Fallback channel',
        filter: 'Channel filter', recipient: 'Recipient', subject: 'Subject', priority: 'Priority', status: 'Status',
        attempts: 'Attempts', created: 'Queued at', nextAttempt: 'Next attempt', sentAt: 'Sent at', provider: 'Provider',
        providerMessageId: 'Provider message id', lastError: 'Last error' },
    } },
  },
})
