import { definePage } from '../../pages'

// The face gates and terminals: status, roster sync to each terminal, door control, recent decisions.
export default definePage({
  name: 'gates', path: '/gates', title: 'nav.gates', order: 38,
  roles: ['security'],
  component: () => import('./GatesPage.vue'),
  messages: {
    'zh-CN': { nav: { gates: '门禁终端' }, gates: {
      list: '门禁终端', none: '还没有登记人脸闸机（类型 facegate）。', name: '闸机', status: '状态', vendor: '厂商',
      mode: '识别方式', modeOf: { terminal: '终端识别', server: '平台识别' }, sync: '名单同步', lastRun: '上次同步',
      lastError: '上次错误', details: '详情', noSync: '平台识别，无需同步', syncNumbers: '应有 {desired} · 已同步 {synced} · 失败 {failed} · 待同步 {pending}',
      syncOf: { done: '已完成', failed: '有失败', running: '进行中', none: '—' },
      synced: '已同步', failed: '失败', pending: '待同步', desired: '应有',
      detail: '闸机 {name}', door: '开关门', doorOf: { open: '开门', close: '关门', alwaysOpen: '常开', alwaysClose: '常闭' },
      confirmDoor: '确定让闸机“{name}”{command}吗？门会保持这个状态，直到再发“开门”或“关门”。',
      doorOk: '闸机已执行“{command}”。', doorFailed: '闸机未能执行“{command}”：{message}',
      failedPersons: '同步失败的人员', noFailed: '没有同步失败的人员。', person: '人员', reason: '终端给出的原因',
      updated: '时间', retry: '重新同步', retried: '已开始重新同步，进度会在这里更新。', retryAdminOnly: '只有管理员可以重新同步。',
      passages: '最近通行', noPassages: '这台闸机还没有通行记录。', direction: { in: '进', out: '出' },
      decision: '判定', stranger: '陌生人', temperature: '{value} °C', liveHint: '新的通行会自动出现在最上面。',
      readOnlyDoor: '你的角色不能控制门。',
    } },
    en: { nav: { gates: 'Gates' }, gates: {
      list: 'Face gates and terminals', none: 'No face gate (type facegate) is registered yet.', name: 'Gate', status: 'Status',
      vendor: 'Vendor', mode: 'Recognition', modeOf: { terminal: 'On the terminal', server: 'On the server' },
      sync: 'Roster sync', lastRun: 'Last sync', lastError: 'Last error', details: 'Details',
      noSync: 'Server decides: nothing to sync', syncNumbers: '{desired} wanted · {synced} synced · {failed} failed · {pending} pending',
      syncOf: { done: 'Done', failed: 'Some failed', running: 'Running', none: '—' },
      synced: 'Synced', failed: 'Failed', pending: 'Pending', desired: 'Wanted',
      detail: 'Gate {name}', door: 'Door', doorOf: { open: 'Open', close: 'Close', alwaysOpen: 'Keep open', alwaysClose: 'Keep closed' },
      confirmDoor: 'Send "{command}" to the gate "{name}"? The door stays so until it gets "Open" or "Close".',
      doorOk: 'The gate carried out "{command}".', doorFailed: 'The gate did not carry out "{command}": {message}',
      failedPersons: 'Persons that failed to sync', noFailed: 'No person failed to sync.', person: 'Person',
      reason: 'Reason given by the terminal', updated: 'Time', retry: 'Sync again',
      retried: 'The sync was started again; its progress shows here.', retryAdminOnly: 'Only admins can start a sync again.',
      passages: 'Recent passages', noPassages: 'No passage at this gate yet.', direction: { in: 'In', out: 'Out' },
      decision: 'Decision', stranger: 'Stranger', temperature: '{value} °C', liveHint: 'New passages appear at the top by themselves.',
      readOnlyDoor: 'Your role cannot control doors.',
    } },
  },
})
