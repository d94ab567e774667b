// CommGov: Camunda's documented webapp configuration (name, default locale); the look is in styles/user-styles.css.
import {app, locales} from '../../commgov/webapp.js';

export default {
  app,
  locales: locales(),
  disableWelcomeMessage: true,
  // dates in Asia/Shanghai whatever the browser's zone (commgov/time.js); lists by due date (commgov/tasklist.js);
  // the tab 申请操作 with withdraw, remind, transfer, delegate, add signer and carbon copy (commgov/approvals.js)
  requireJsConfig: {
    deps: ['commgov-time', 'commgov-tasklist', 'commgov-approvals'],
    ngDeps: ['commgov.time', 'commgov.tasklist', 'commgov.approvals'],
    paths: {'commgov-time': '../commgov/time', 'commgov-tasklist': '../commgov/tasklist', 'commgov-approvals': '../commgov/approvals'}
  },
  shortcuts: {
    claimTask: {key: 'ctrl+alt+c', description: '认领当前选中的任务'},
    focusFilter: {key: 'ctrl+shift+f', description: '定位到第一个筛选器'},
    focusList: {key: 'ctrl+alt+l', description: '定位到任务列表的第一个任务'},
    focusForm: {key: 'ctrl+alt+f', description: '定位到任务表单的第一个输入框'},
    startProcess: {key: 'ctrl+alt+p', description: '打开发起流程对话框'}
  }
};
