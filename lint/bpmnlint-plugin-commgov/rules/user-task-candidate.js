const { is } = require('bpmnlint-utils');
const { blank } = require('./support');

/** Somebody must see a user task in Tasklist: a candidate group, a candidate user or an assignee. */
module.exports = function() {
  function check(node, reporter) {
    if (!is(node, 'bpmn:UserTask')) {
      return;
    }
    const owners = (node.resources || []).filter(r => is(r, 'bpmn:PotentialOwner') || is(r, 'bpmn:HumanPerformer'));
    if (blank(node.candidateGroups) && blank(node.candidateUsers) && blank(node.assignee) && owners.length === 0) {
      reporter.report(node.id, 'User task has no candidate group, candidate user or assignee');
    }
  }
  return { check };
};
