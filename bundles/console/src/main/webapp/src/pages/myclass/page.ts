import { definePage } from '../../pages'

// The homeroom teacher's class today: the server restricts a teacher's passages and attendance to its class.
export default definePage({
  name: 'myclass', path: '/myclass', title: 'nav.myclass', order: 15,
  roles: ['teacher'],
  component: () => import('./MyClassPage.vue'),
  messages: {
    'zh-CN': { nav: { myclass: '我的班级' }, myclass: {
      heading: '{group} 班 · 今日', counts: '今日概况', total: '全班', passages: '今日通行', attendance: '今日出勤',
      student: '学生', direction: '方向', gate: '闸机', temperature: '体温', firstIn: '入校', lastOut: '离校',
      state: { in: '在校', out: '已离校', notYet: '未到校' },
      dir: { in: '进校', out: '出校' },
      filter: { all: '全部' },
      noPassages: '今天本班还没有通行记录；新记录会自动出现。', noStudents: '本班没有学生记录。',
      noneInFilter: '没有符合条件的学生。', stranger: '未识别人员',
      noClass: '你的账号还没有关联到带班的教职工档案，所以看不到班级。请管理员在用户管理中把账号关联到你的教职工档案，并在档案中填写班级（如 3-2）。',
      err: {
        noClass: '你的账号还没有关联到带班的教职工档案。请管理员把账号关联到你的教职工档案，并填写班级。',
        notYourClass: '这条记录不属于你的班级，无法查看。',
        forbidden: '你的账号没有查看此内容的权限。',
      },
    } },
    en: { nav: { myclass: 'My class' }, myclass: {
      heading: 'Class {group} · today', counts: 'Today at a glance', total: 'Class', passages: 'Passages today',
      attendance: 'Attendance today', student: 'Student', direction: 'Direction', gate: 'Gate',
      temperature: 'Temperature', firstIn: 'First in', lastOut: 'Last out',
      state: { in: 'At school', out: 'Gone home', notYet: 'Not arrived' },
      dir: { in: 'In', out: 'Out' },
      filter: { all: 'All' },
      noPassages: 'No passages of your class today yet; new ones appear here by themselves.',
      noStudents: 'No students in this class.', noneInFilter: 'No student matches.', stranger: 'Unknown person',
      noClass: 'Your account is not linked to a staff record with a class, so no class can be shown. An administrator must link your user to your staff record (in the users admin) and set its class (such as 3-2).',
      err: {
        noClass: 'Your account is not linked to a staff record with a class. An administrator must link your user to your staff record and set its class.',
        notYourClass: 'This record is not of your class.',
        forbidden: 'Your account may not see this.',
      },
    } },
  },
})
