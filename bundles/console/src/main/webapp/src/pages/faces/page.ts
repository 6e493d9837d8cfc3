import { definePage } from '../../pages'

export default definePage({
  name: 'faces', path: '/faces', title: 'nav.faces', order: 37, roles: ['security', 'integrator'],
  component: () => import('./FacesPage.vue'),
  messages: {
    'zh-CN': { nav: { faces: '人脸识别' }, faces: {
      status: '人脸库', engine: '识别引擎', available: '可用', unavailable: '不可用', model: '模型', templates: '模板数',
      indexed: '已索引', photos: '登记照片', kernel: '检索方式', reenroll: '重新登记进度',
      reenrollLine: '{done} / {total}（失败 {failed}）', idle: '没有进行中的重新登记',
      identify: '识别照片', identifyHint: '上传一张照片，在人脸库中查找最相似的人（不保存照片）。',
      file: '照片文件（JPEG 或 PNG）', run: '识别', running: '识别中…', pickFile: '请先选择一张照片。',
      best: '识别结果：{name}（相似度 {score}）', noMatch: '没有达到阈值 {threshold} 的人。', facesFound: '照片中找到 {n} 张人脸',
      models: { title: '人脸模型与许可', activeSet: '当前模型组：', licence: '许可：', licenceCol: '许可', default: '默认',
        unknownWarning: '注意：当前使用的 {files} 来源或许可不明，不能确定学校或集成商可以合法部署。可以切换到许可明确的模型组（见下方说明）。',
        integrity: '这些当前使用的模型文件缺失或校验值不符：{files}。', switchHint: '切换模型组：在 {cfg} 中设置 model.set（clean 或 legacy），保存后引擎会重新加载模型并重新登记人脸。',
        sets: '模型组', set: '模型组', description: '说明', active: '当前', files: '模型文件', file: '文件', role: '用途', source: '来源',
        note: '备注', sha: 'SHA-256', shaOk: '校验通过', shaBad: '校验不符', notInstalled: '未安装', unknown: '不明',
        roleOf: { detector: '人脸检测', keypoints: '关键点', landmarks: '特征点', embedding: '特征提取' } },
      candidate: '候选人', score: '相似度', matched: '匹配', refused: '无法识别：',
    } },
    en: { nav: { faces: 'Faces' }, faces: {
      status: 'Face gallery', engine: 'Engine', available: 'available', unavailable: 'unavailable', model: 'Model',
      templates: 'Templates', indexed: 'Indexed', photos: 'Enrolled photos', kernel: 'Search kernel',
      reenroll: 'Re-enrollment', reenrollLine: '{done} / {total} ({failed} failed)', idle: 'No re-enrollment running',
      identify: 'Identify a photo', identifyHint: 'Upload a photo to find the most similar people in the gallery (the photo is not kept).',
      file: 'Photo file (JPEG or PNG)', run: 'Identify', running: 'Identifying…', pickFile: 'Choose a photo first.',
      best: 'Identified: {name} (score {score})', noMatch: 'Nobody reaches the threshold {threshold}.',
      models: { title: 'Face models and licences', activeSet: 'Active model set:', licence: 'Licence:', licenceCol: 'Licence', default: 'default',
        unknownWarning: 'Attention: the origin or licence of {files} in use is unknown, so nobody can say that a school or integrator may deploy them. A model set with clear licences is one setting away (see below).',
        integrity: 'These model files in use are missing or do not match their checksum: {files}.', switchHint: 'To switch the model set, set model.set (clean or legacy) in {cfg}; on saving, the engine reloads its models and re-enrolls the faces.',
        sets: 'Model sets', set: 'Set', description: 'Description', active: 'Active', files: 'Model files', file: 'File', role: 'Role', source: 'Source',
        note: 'Note', sha: 'SHA-256', shaOk: 'matches', shaBad: 'mismatch', notInstalled: 'not installed', unknown: 'unknown',
        roleOf: { detector: 'Face detector', keypoints: 'Key points', landmarks: 'Landmarks', embedding: 'Embedding' } },
      facesFound: '{n} face(s) found in the photo', candidate: 'Candidate', score: 'Score', matched: 'Match',
      refused: 'Cannot identify: ',
    } },
  },
})
