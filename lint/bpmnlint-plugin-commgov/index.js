// The rules a deployment must pass (io.commgov.engine.DeploymentRules), checked before one is made.
const rules = {
  'readable-ids': './rules/readable-ids',
  'user-task-form': './rules/user-task-form',
  'user-task-candidate': './rules/user-task-candidate',
  'history-ttl-minimum': './rules/history-ttl-minimum',
  'sla-calendar': './rules/sla-calendar',
  // deploying a model is not running code (io.commgov.engine.ModelCodeRules, allow-list in model-code.json)
  'model-code-expression': './rules/model-code-expression',
  'model-code-script': './rules/model-code-script',
  'model-code-class': './rules/model-code-class',
  'model-code-delegate': './rules/model-code-delegate',
  'model-code-connector': './rules/model-code-connector',
  'model-code-resource': './rules/model-code-resource',
  'model-code-form': './rules/model-code-form',
  'model-code-protected-variable': './rules/model-code-protected-variable'
};

module.exports = {
  configs: {
    recommended: {
      rules: Object.fromEntries(Object.keys(rules).map(name => [ name, 'error' ]))
    }
  },
  rules
};
