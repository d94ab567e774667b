const { is } = require('bpmnlint-utils');

// the same patterns as io.commgov.engine.ModelIds (BpmnIdConventionTest checks that they agree)
const PROCESS_KEY = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const READABLE = /^[A-Z][A-Za-z]+_[A-Z][A-Za-z0-9]*$/;
const GENERATED = /^.*_([0-9][a-z0-9]{6}|\d+)$/;

/** Ids read as sentences (Task_ReviewByIt); the process id is its key (fault-escalation); no generated ids. */
module.exports = function() {
  function check(node, reporter) {
    if (!node.id || !node.$type.startsWith('bpmn:') || is(node, 'bpmn:Definitions')) {
      return;
    }
    if (is(node, 'bpmn:Process')) {
      if (!PROCESS_KEY.test(node.id)) {
        reporter.report(node.id, `Process id <${node.id}> is not a readable key; use lower-case words joined by '-', e.g. fault-escalation`);
      }
      return;
    }
    if (!READABLE.test(node.id) || GENERATED.test(node.id)) {
      reporter.report(node.id, `Id <${node.id}> is not readable (a generated id?); name it as a sentence, e.g. Task_ReviewByIt`);
    }
  }
  return { check };
};
