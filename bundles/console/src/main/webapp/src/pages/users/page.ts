import { definePage } from '../../pages'

export default definePage({
  name: 'users', path: '/users', title: 'nav.users', order: 85,
  roles: ['admin'],
  component: () => import('./UsersPage.vue'),
  messages: {
    'zh-CN': { nav: { users: '用户与角色' }, users: {
      list: '登录用户', none: '没有用户。', add: '新建用户', name: '用户名', roles: '角色', person: '关联人员',
      noPerson: '未关联', password: '密码', password2: '再次输入密码', edit: '编辑 {name}', resetPassword: '重置密码',
      resetTitle: '重置 {name} 的密码', newPassword: '新密码', findPerson: '按姓名、编号查找人员',
      unlink: '取消关联', linkHint: '家长账号要关联家长人员记录，教师账号要关联本人的教职工记录（其班级决定能看到哪个班）。',
      karafRoles: 'Karaf 自身的角色（此处不修改）', keptRoles: 'Karaf 自身的角色和用户组保持不变：{roles}',
      personsError: '无法加载人员：{message}', noMatch: '没有找到人员。', you: '（你自己）',
      created: '已创建用户 {name}。', saved: '已保存 {name}。', passwordDone: '已重置 {name} 的密码，旧密码不能再登录。',
      deleted: '已删除用户 {name}。', confirmDelete: '确定删除用户 {name}？此人将无法再登录。', fix: '请先改正标出的字段。',
      problem: {
        nameMissing: '请填写用户名。', nameBad: '用户名只能用 1-64 个字母、数字、. _ -。', passwordWeak: '密码至少 8 位。',
        passwordMismatch: '两次输入的密码不一致。', rolesMissing: '请至少选择一个角色。', roleUnknown: '有未知的角色。',
      },
      error: {
        exists: '已有同名用户，请换一个用户名。', lastAdmin: '不能删除或降级最后一个管理员：请先让另一个用户成为管理员。',
        self: '不能删除你自己正在使用的账号。', weak: '密码太弱：至少 8 位。', badName: '用户名只能用 1-64 个字母、数字、. _ -。',
        badRoles: '角色无效。', unknownPerson: '要关联的人员不存在。', unknownUser: '该用户已不存在。',
        unavailable: '用户管理在此服务器上不可用（不在 Karaf 中运行）。', unwritable: '服务器无法写入用户文件，请联系系统管理员。',
      },
      roleHelp: {
        admin: '全部功能', security: '告警、事件、人员查看', teacher: '本班通行与考勤', guardian: '家长手机页面',
        integrator: '插件与设备', device: '设备接入',
      },
    } },
    en: { nav: { users: 'Users and roles' }, users: {
      list: 'Sign-in users', none: 'No users.', add: 'New user', name: 'User name', roles: 'Roles', person: 'Linked person',
      noPerson: 'not linked', password: 'Password', password2: 'Password again', edit: 'Edit {name}',
      resetPassword: 'Reset password', resetTitle: 'Reset the password of {name}', newPassword: 'New password',
      findPerson: 'Find a person by name or id', unlink: 'Unlink',
      linkHint: "Link a guardian user to the guardian's person record, and a teacher to their own staff record (its class decides what they see).",
      karafRoles: "Karaf's own roles (not changed here)", keptRoles: "Karaf's own roles and groups stay as they are: {roles}",
      personsError: 'Persons cannot be loaded: {message}', noMatch: 'Nobody found.', you: '(you)',
      created: 'User {name} created.', saved: '{name} saved.',
      passwordDone: 'The password of {name} is reset; the old one no longer signs in.',
      deleted: 'User {name} deleted.', confirmDelete: 'Delete user {name}? They will not be able to sign in any more.',
      fix: 'Correct the marked fields first.',
      problem: {
        nameMissing: 'Enter a user name.', nameBad: 'A user name is 1-64 letters, digits, ".", "_" or "-".',
        passwordWeak: 'The password needs at least 8 characters.', passwordMismatch: 'The two passwords differ.',
        rolesMissing: 'Choose at least one role.', roleUnknown: 'A role is unknown.',
      },
      error: {
        exists: 'A user with this name exists already; choose another name.',
        lastAdmin: 'The last administrator cannot be deleted or lose the admin role: make another user admin first.',
        self: 'You cannot delete the account you are signed in with.', weak: 'The password is too weak: at least 8 characters.',
        badName: 'A user name is 1-64 letters, digits, ".", "_" or "-".', badRoles: 'A role is not valid.',
        unknownPerson: 'The person to link does not exist.', unknownUser: 'This user does not exist any more.',
        unavailable: 'User management is not available on this server (not running in Karaf).',
        unwritable: 'The server cannot write the users file; ask the system administrator.',
      },
      roleHelp: {
        admin: 'everything', security: 'alarms, events, people (read)', teacher: 'passages and attendance of their class',
        guardian: 'the parent phone view', integrator: 'plugins and devices', device: 'device access',
      },
    } },
  },
})
