import { definePage } from '../../pages'

export default definePage({
  name: 'faces', path: '/faces', title: 'nav.faces', order: 37, roles: ['security'],
  component: () => import('./FacesPage.vue'),
  messages: {
    'zh-CN': { nav: { faces: '人脸识别' }, faces: {
      status: '人脸库', engine: '识别引擎', available: '可用', unavailable: '不可用', model: '模型', templates: '模板数',
      indexed: '已索引', photos: '登记照片', kernel: '检索方式', reenroll: '重新登记进度',
      reenrollLine: '{done} / {total}（失败 {failed}）', idle: '没有进行中的重新登记',
      identify: '识别照片', identifyHint: '上传一张照片，在人脸库中查找最相似的人（不保存照片）。',
      file: '照片文件（JPEG 或 PNG）', run: '识别', running: '识别中…', pickFile: '请先选择一张照片。',
      best: '识别结果：{name}（相似度 {score}）', noMatch: '没有达到阈值 {threshold} 的人。', facesFound: '照片中找到 {n} 张人脸',
      candidate: '候选人', score: '相似度', matched: '匹配', refused: '无法识别：',
    } },
    en: { nav: { faces: 'Faces' }, faces: {
      status: 'Face gallery', engine: 'Engine', available: 'available', unavailable: 'unavailable', model: 'Model',
      templates: 'Templates', indexed: 'Indexed', photos: 'Enrolled photos', kernel: 'Search kernel',
      reenroll: 'Re-enrollment', reenrollLine: '{done} / {total} ({failed} failed)', idle: 'No re-enrollment running',
      identify: 'Identify a photo', identifyHint: 'Upload a photo to find the most similar people in the gallery (the photo is not kept).',
      file: 'Photo file (JPEG or PNG)', run: 'Identify', running: 'Identifying…', pickFile: 'Choose a photo first.',
      best: 'Identified: {name} (score {score})', noMatch: 'Nobody reaches the threshold {threshold}.',
      facesFound: '{n} face(s) found in the photo', candidate: 'Candidate', score: 'Score', matched: 'Match',
      refused: 'Cannot identify: ',
    } },
  },
})
