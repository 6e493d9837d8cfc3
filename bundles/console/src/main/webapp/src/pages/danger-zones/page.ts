import { definePage } from '../../pages'

// Danger zones (危险区域): ponds, labs, chemical stores and building sites; who may be there when, the cameras that
// watch them, and the warnings a presence raised, with the snapshot and a live view. Teachers read only.
export default definePage({
  name: 'danger-zones', path: '/danger-zones', title: 'nav.dangerZones', order: 34,
  roles: ['security', 'teacher'],
  component: () => import('./DangerPage.vue'),
  messages: {
    'zh-CN': { nav: { dangerZones: '危险区域' }, danger: {
      rules: '危险区域规则', none: '还没有规则：危险区域里有人不会预警。', add: '添加规则', edit: '修改 {name} 的规则',
      explain: '在允许的时段以外有人进入危险区域（或不在允许名单上的人进入），会向区域负责人发出预警，附抓拍和实时画面链接。',
      zone: '区域', chooseZone: '选择危险区域', noFreeZone: '每个危险区域都已有规则（在“设备与区域”里把区域的用途设为危险区域）。',
      kind: '类型', kindOf: { WATER: '水域', LAB: '实验室', CHEMICAL_STORE: '化学品库', CONSTRUCTION: '施工区' },
      allowed: '允许的时段', allowedHint: '这些时段内有人是正常的（如上课时的实验室）；没有时段：任何时候都不允许。',
      never: '任何时候都不允许', persons: '始终允许的人员', personHint: '输入姓名、工号或手机号搜索教职工',
      noPerson: '没有找到这位教职工。', removePerson: '移除', sep: '、', cameras: '摄像机',
      camerasHint: '勾选的摄像机看到有人即视为有人进入；第一个用于实时画面。', noCameras: '没有摄像机。',
      severity: '预警级别', fold: '合并时间', foldHint: '这么多分钟内的多次进入只预警一次。', minutes: '{n} 分钟', enabled: '启用',
      problem: { missing: '必填。', 'bad-fold': '1 到 1440 分钟。' }, fixFields: '请先改正标出的字段。',
      saved: '已保存 {name} 的规则。', confirmDelete: '确定删除 {name} 的规则？', deleted: '已删除 {name} 的规则。',
      warnings: '最近的危险区域预警', noWarnings: '还没有预警。', what: '内容', lastAt: '最近一次', count: '共 {n} 次',
    } },
    en: { nav: { dangerZones: 'Danger zones' }, danger: {
      rules: 'Danger zone rules', none: 'No rule yet: nobody is warned of a presence in a danger zone.', add: 'Add a rule', edit: 'Change the rule of {name}',
      explain: 'Someone in a danger zone outside its allowed windows (or someone not on its list) warns the zone\'s responsible staff, with the snapshot and a live-view link.',
      zone: 'Zone', chooseZone: 'Choose a danger zone', noFreeZone: 'Every danger zone has a rule (set a zone\'s kind to danger under Devices and zones).',
      kind: 'Kind', kindOf: { WATER: 'Water', LAB: 'Lab', CHEMICAL_STORE: 'Chemical store', CONSTRUCTION: 'Construction site' },
      allowed: 'Allowed windows', allowedHint: 'Presence in these windows is normal (a lab during lessons); no window: never allowed.',
      never: 'Never allowed', persons: 'Always allowed', personHint: 'Search staff by name, id or phone',
      noPerson: 'No such staff member.', removePerson: 'Remove', sep: ', ', cameras: 'Cameras',
      camerasHint: 'A person seen by a ticked camera is a presence; the first gives the live view.', noCameras: 'No camera.',
      severity: 'Severity', fold: 'Fold time', foldHint: 'Presences within this many minutes give one warning.', minutes: '{n} min', enabled: 'Enabled',
      problem: { missing: 'Required.', 'bad-fold': '1 to 1440 minutes.' }, fixFields: 'Correct the marked fields first.',
      saved: 'The rule of {name} is saved.', confirmDelete: 'Delete the rule of {name}?', deleted: 'The rule of {name} is deleted.',
      warnings: 'Recent danger zone warnings', noWarnings: 'No warning yet.', what: 'What', lastAt: 'Last', count: '{n} times',
    } },
  },
})
