// CommGov's settings shared by the config.js of Tasklist, Cockpit, Admin and the welcome page.

export const app = {
  vendor: 'CommGov',
  name: '企业沟通平台运营'
};

// Simplified Chinese whatever the browser asks for; "?lang=en" switches to English (remembered), "?lang=zh" back.
export function locales() {
  const asked = new URLSearchParams(window.location.search).get('lang');
  if (asked === 'en' || asked === 'zh') {
    window.localStorage.setItem('commgov.lang', asked);
  }
  const chosen = window.localStorage.getItem('commgov.lang') === 'en' ? 'en' : 'zh';
  return {availableLocales: [chosen], fallbackLocale: chosen};
}
