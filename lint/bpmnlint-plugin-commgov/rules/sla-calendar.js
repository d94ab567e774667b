const { extensionProperty } = require('./support');

// the calendars CommGov ships (db/migration/V010); deployment checks against the calendars of the running system
const SHIPPED_CALENDARS = ['24x7', 'workdays'];

/** An SLA names a calendar that exists; an expression (${...}) is chosen at run time. */
module.exports = function() {
  function check(node, reporter) {
    if (!node.extensionElements) {
      return;
    }
    const calendar = extensionProperty(node, 'sla.calendar');
    if (calendar === undefined || /[$#]\{/.test(calendar)) {
      return;
    }
    if (!SHIPPED_CALENDARS.includes(calendar)) {
      reporter.report(node.id, `SLA on unknown calendar <${calendar}>; known: ${SHIPPED_CALENDARS.join(', ')}`);
    }
  }
  return { check };
};
