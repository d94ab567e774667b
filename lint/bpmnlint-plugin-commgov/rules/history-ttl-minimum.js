const { is } = require('bpmnlint-utils');

// R-RET: 180 days = 15552000 s; Camunda 7 reads camunda:historyTimeToLive as days ("180") or "P<n>D"
const MINIMUM_SECONDS = 180 * 24 * 60 * 60;

function seconds(value) {
  const text = String(value).trim();
  const days = /^\d+$/.test(text) ? text : (/^P(\d+)D$/.exec(text) || [])[1];
  return days === undefined ? undefined : Number(days) * 24 * 60 * 60;
}

/** Every executable process keeps its history at least 180 days. */
module.exports = function() {
  function check(node, reporter) {
    if (!is(node, 'bpmn:Process') || !node.isExecutable) {
      return;
    }
    const value = node.historyTimeToLive;
    if (value === undefined || value === null || value === '') {
      reporter.report(node.id, 'Process has no camunda:historyTimeToLive; set at least P180D');
      return;
    }
    const kept = seconds(value);
    if (kept === undefined) {
      reporter.report(node.id, `camunda:historyTimeToLive <${value}> is neither days nor P<n>D`);
    } else if (kept < MINIMUM_SECONDS) {
      reporter.report(node.id, `History is kept ${kept / 86400} days; camunda:historyTimeToLive must be at least P180D`);
    }
  }
  return { check };
};
