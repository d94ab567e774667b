// CommGov: Camunda's documented webapp configuration (name, default locale); the look is in styles/user-styles.css.
import {app, locales} from '../../commgov/webapp.js';

export default {
  app,
  locales: locales(),
  disableWelcomeMessage: true,
  // dates in Asia/Shanghai whatever the browser's zone (commgov/time.js)
  requireJsConfig: {
    deps: ['commgov-time'],
    ngDeps: ['commgov.time'],
    paths: {'commgov-time': '../commgov/time'}
  }
};
