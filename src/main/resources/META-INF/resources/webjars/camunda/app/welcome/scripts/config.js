// CommGov: Camunda's documented webapp configuration (name, default locale); the look is in styles/user-styles.css.
import {app, locales} from '../../commgov/webapp.js';

export default {
  app,
  locales: locales(),
  disableWelcomeMessage: true
};
