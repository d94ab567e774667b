const { is } = require('bpmnlint-utils');
const { blank } = require('./support');

/** People work in Tasklist: every user task links a Camunda Form (camunda:formRef) or a form key. */
module.exports = function() {
  function check(node, reporter) {
    if (is(node, 'bpmn:UserTask') && blank(node.formRef) && blank(node.formKey)) {
      reporter.report(node.id, 'User task has no form; link a Camunda Form with camunda:formRef');
    }
  }
  return { check };
};
