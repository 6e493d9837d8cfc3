import { definePage } from '../../pages'

export default definePage({
  name: 'watchlist', path: '/watchlist', title: 'nav.watchlist', order: 35,
  roles: ['security'],
  component: () => import('./WatchlistPage.vue'),
  messages: {
    'zh-CN': { nav: { watchlist: '重点关注' }, watchlist: {
      list: '重点关注人员', none: '名单为空。', noMatch: '没有符合条件的人员。', add: '添加人员',
      category: '类别', categoryHint: '如 banned、custody（字母、数字、- _ . :）',
      explain: '名单上的人出现在摄像头前时会触发告警。服务器的人员记录没有备注字段：姓名可写明身份特征，类别用一个简短的标签（如 banned 禁止入校、custody 监护纠纷），详细说明请写入值班记录。',
      readOnly: '只有管理员可以修改名单；你可以查看名单和人脸。', faces: '{name} 的人脸', pick: '点击“人脸”查看或登记此人的照片。',
      confirmDelete: '确定把 {name} 移出名单并删除其记录？', deleted: '已删除 {name}。', facesBtn: '人脸',
    } },
    en: { nav: { watchlist: 'Watchlist' }, watchlist: {
      list: 'Watchlist', none: 'The watchlist is empty.', noMatch: 'Nobody matches.', add: 'Add a person',
      category: 'Category', categoryHint: 'e.g. banned, custody (letters, digits, - _ . :)',
      explain: 'A person on this list raises an alarm when a camera sees them. Person records have no notes field: describe the person in the name, give a short category tag (e.g. banned, custody), and keep longer notes in the duty log.',
      readOnly: 'Only an administrator can change the list; you can see it and its faces.', faces: 'Faces of {name}',
      pick: 'Click "Faces" to see or enroll the photos of a person.',
      confirmDelete: 'Remove {name} from the list and delete the record?', deleted: '{name} deleted.', facesBtn: 'Faces',
    } },
  },
})
