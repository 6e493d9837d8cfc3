import { definePage } from '../../pages'

export default definePage({
  name: 'events', path: '/events', title: 'nav.events', order: 20,
  roles: ['security', 'integrator'],
  component: () => import('./EventsPage.vue'),
  messages: {
    'zh-CN': { nav: { events: '事件' }, events: {
      list: '事件记录', filter: '筛选', from: '开始时间', to: '结束时间', type: '事件类型',
      typeHint: '如 fence.intrusion；以 * 结尾表示前缀匹配', typePlaceholder: '如 fence.*', search: '查询', reset: '清空',
      allZones: '全部区域', allDevices: '全部设备', empty: '没有符合条件的事件。', live: '新事件会自动出现在最上方。',
      liveOff: '正在查看较早的页面，新事件不会插入。', newCount: '{n} 条新事件', severity: '级别', person: '人员',
      detail: '事件详情', id: '编号', site: '校区', attributes: '附加属性', noAttributes: '无附加属性。',
      snapshot: '抓拍', snapshotRef: '抓拍引用', noSnapshot: '这条事件没有抓拍图片。', snapshotLoading: '正在加载抓拍…',
      hasSnapshot: '有抓拍', rangeInverted: '开始时间晚于结束时间。', zonesError: '区域列表', devicesError: '设备列表',
      types: { fence_intrusion: '围栏入侵', gate_passage: '闸机通行', gate_stranger: '陌生人', gate_fever: '体温异常',
        face_capture: '人脸抓拍', zone_presence: '区域闯入', device_offline: '设备离线', device_tamper: '设备防拆' },
    } },
    en: { nav: { events: 'Events' }, events: {
      list: 'Events', filter: 'Filter', from: 'From', to: 'To', type: 'Event type',
      typeHint: 'e.g. fence.intrusion; a trailing * matches a prefix', typePlaceholder: 'e.g. fence.*', search: 'Search', reset: 'Clear',
      allZones: 'All zones', allDevices: 'All devices', empty: 'No events match the filter.',
      live: 'New events appear at the top by themselves.', liveOff: 'You are on an older page; new events are not inserted.',
      newCount: '{n} new', severity: 'Severity', person: 'Person',
      detail: 'Event details', id: 'Id', site: 'Site', attributes: 'Attributes', noAttributes: 'No attributes.',
      snapshot: 'Snapshot', snapshotRef: 'Snapshot reference', noSnapshot: 'This event has no snapshot.',
      snapshotLoading: 'Loading the snapshot…', hasSnapshot: 'Snapshot', rangeInverted: 'The start is after the end.',
      zonesError: 'Zone list', devicesError: 'Device list',
      types: { fence_intrusion: 'Fence intrusion', gate_passage: 'Gate passage', gate_stranger: 'Stranger at the gate',
        gate_fever: 'Fever at the gate', face_capture: 'Face capture', zone_presence: 'Presence in a zone',
        device_offline: 'Device offline', device_tamper: 'Device tampered' },
    } },
  },
})
