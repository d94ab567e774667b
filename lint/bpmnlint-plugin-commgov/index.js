// The rules a deployment must pass (io.commgov.engine.DeploymentRules), checked before one is made.
const rules = {
  'readable-ids': './rules/readable-ids',
  'user-task-form': './rules/user-task-form',
  'user-task-candidate': './rules/user-task-candidate',
  'history-ttl-minimum': './rules/history-ttl-minimum',
  'sla-calendar': './rules/sla-calendar'
};

module.exports = {
  configs: {
    recommended: {
      rules: Object.fromEntries(Object.keys(rules).map(name => [ name, 'error' ]))
    }
  },
  rules
};
