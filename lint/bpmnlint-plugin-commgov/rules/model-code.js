// "Deploying a model is not running code": the checks of io.commgov.engine.ModelCodeRules, over the same allow-list
// (../model-code.json, which the server reads too). Each model-code-* rule reports its own findings.
const { parse } = require('./juel');
const allowed = require('../model-code.json');

const BEANS = allowed.beans;
const DELEGATES = new Set(allowed.delegates);
const SCOPE = new Set(allowed.scopeObjects);
const SCOPE_METHODS = new Set(allowed.scopeMethods);
const ENGINE = new Set(allowed.engineObjects);
const VALUE_METHODS = new Set(allowed.valueMethods);
const PROTECTED = new Set(allowed.protectedVariables);
const sorted = (values) => [ ...values ].sort().join(', ');

function isBean(name) {
  return Object.prototype.hasOwnProperty.call(BEANS, name);
}

function checkExpression(text, where, report) {
  let parts;
  try {
    parts = parse(text);
  } catch (e) {
    report('model-code-expression', `${where} "${text}" is not a valid expression: ${e.message}`);
    return;
  }
  const refuse = (what) => report('model-code-expression', `${where} "${text}" ${what}`);

  function value(node) {
    switch (node.kind) {
    case 'literal':
      return;
    case 'unary': case 'binary': case 'choice':
      return node.children.forEach(value);
    case 'identifier':
      if (ENGINE.has(node.name)) {
        refuse(`uses '${node.name}' itself; a model may only pass it to an allow-listed bean method or call ${node.name}.getVariable('name')`);
      } else if (isBean(node.name) || DELEGATES.has(node.name)) {
        refuse(`uses the bean '${node.name}' as a value; call one of its allow-listed methods`);
      }
      return;
    case 'function':
      return refuse(`calls the function ${node.name}(); models call only allow-listed bean methods`);
    case 'dot': case 'bracket':
      return refuse(`reads a property (${node.name || '[...]'}); a model reads process variables by name and calls only allow-listed methods`);
    case 'method':
      return method(node);
    default:
      return refuse(`uses ${node.kind}, which models may not use`);
    }
  }

  function method(node) {
    if (!node.name) {
      return refuse('calls a method chosen at run time ([...]); write the method name');
    }
    const baseName = node.base.kind === 'identifier' ? node.base.name : null;
    if (baseName && SCOPE.has(baseName)) {
      return scopeCall(baseName, node);
    }
    if (baseName && ENGINE.has(baseName)) {
      return refuse(`calls ${baseName}.${node.name}(); models may not use the engine's objects`);
    }
    if (baseName && isBean(baseName)) {
      if (!BEANS[baseName].includes(node.name)) {
        return refuse(`calls ${baseName}.${node.name}(), which is not allowed; the bean '${baseName}' offers models ${sorted(BEANS[baseName])}`);
      }
      return node.params.forEach(p => (p.kind === 'identifier' && SCOPE.has(p.name)) || value(p));
    }
    if (baseName && DELEGATES.has(baseName)) {
      return refuse(`calls ${baseName}.${node.name}(); a delegate bean is named only by delegateExpression`);
    }
    if (!VALUE_METHODS.has(node.name)) {
      return refuse(`calls ${node.name}() on ${baseName ? `'${baseName}'` : 'a value'}, which is neither an allow-listed CommGov bean nor one of the methods models may call on a variable's value ${sorted(VALUE_METHODS)}`);
    }
    value(node.base);
    node.params.forEach(value);
  }

  function scopeCall(scope, node) {
    if (!SCOPE_METHODS.has(node.name)) {
      return refuse(`calls ${scope}.${node.name}(); on ${scope} a model may only call ${sorted(SCOPE_METHODS)} with a variable name in quotes`);
    }
    const setter = node.name === 'setVariable';
    const [ name, assigned ] = node.params;
    if (node.params.length !== (setter ? 2 : 1) || name.kind !== 'literal' || !name.string) {
      return refuse(`calls ${scope}.${node.name}() without a variable name in quotes`);
    }
    if (setter) {
      if (PROTECTED.has(name.value)) {
        report('model-code-protected-variable', `${where} "${text}" writes the variable '${name.value}'; CommGov derives ${sorted(PROTECTED)} itself and nothing else may write them`);
      }
      value(assigned);
    }
  }

  parts.forEach(value);
}

const hasExpression = (text) => typeof text === 'string' && /[$#]\{/.test(text);

function checkDelegate(attribute, text, report) {
  const match = /^\s*\$\{\s*([A-Za-z_$][A-Za-z0-9_$]*)\s*\}\s*$/.exec(text);
  if (!match || !DELEGATES.has(match[1])) {
    report('model-code-delegate', `${attribute}="${text}" does not name a CommGov delegate bean; write \${beanName} with a delegate or listener from the allow-list (model-code.json)`);
  }
}

function checkProtectedName(variable, where, report) {
  if (typeof variable === 'string' && PROTECTED.has(variable.trim())) {
    report('model-code-protected-variable', `writes the variable '${variable.trim()}' (${where}); CommGov derives ${sorted(PROTECTED)} itself and nothing else may write them`);
  }
}

function checkAttribute(name, text, report) {
  switch (name) {
  case 'class': case 'variableMappingClass':
    return report('model-code-class', `names a Java class (${name}="${text}"); models name CommGov delegate beans with delegateExpression="\${...Delegate}" instead`);
  case 'delegateExpression': case 'variableMappingDelegateExpression':
    return checkDelegate(name, text, report);
  case 'resource':
    return report('model-code-resource', `loads an external resource (resource="${text}"); a model carries no scripts or files, only what it says itself`);
  case 'language': case 'scriptFormat':
    if (text.trim()) {
      report('model-code-script', `has a script (${name}="${text}"); conditions and values are expressions over process variables (\${approved})`);
    }
    return;
  case 'formKey':
    if (!allowed.formKeyPrefixes.some(prefix => text.startsWith(prefix))) {
      return report('model-code-form', `has formKey="${text}"; embedded and app HTML forms run JavaScript in Tasklist. Link a Camunda Form with camunda:formRef (or a camunda-forms: key)`);
    }
    break;
  case 'resultVariable':
    checkProtectedName(text, 'camunda:resultVariable', report);
    break;
  default:
  }
  if (hasExpression(text)) {
    checkExpression(text, name, report);
  }
}

// where a moddle element keeps the text of its XML element (a condition's body, an input parameter's value)
const BODY = new Set([ 'body', 'value', 'text' ]);

function isOwner(node) {
  return node && node.id && typeof node.$type === 'string' && node.$type.startsWith('bpmn:')
    && !node.$type.endsWith('EventDefinition') && node.$type !== 'bpmn:Definitions';
}

/** Findings [{ rule, message }] for one element with an id: its attributes and its parts without an id of their own. */
function findings(root) {
  const found = [];
  const report = (rule, message) => found.push({ rule, message });

  function visit(node, top) {
    if (!node || typeof node !== 'object' || (!top && isOwner(node))) {
      return;
    }
    const type = node.$type || '';
    if (type === 'bpmn:ScriptTask') {
      report('model-code-script', 'is a script task; scripts run with the engine\'s powers. Use a service task with a CommGov delegate (delegateExpression="${...Delegate}")');
    }
    if (type === 'camunda:Script') {
      report('model-code-script', 'has a camunda:script; scripts run with the engine\'s powers. Use a CommGov delegate or listener bean');
    }
    if (type === 'camunda:Connector') {
      report('model-code-connector', 'has a camunda:connector; models reach other systems only through CommGov delegates');
    }
    if (type === 'camunda:OutputParameter') {
      checkProtectedName(node.name, 'camunda:outputParameter', report);
    }
    if (type === 'camunda:Out') {
      checkProtectedName(node.target, 'camunda:out', report);
    }
    const properties = (node.$descriptor && node.$descriptor.properties) || [];
    for (const key of Object.keys(node)) {
      if (key.startsWith('$') || key === 'diagrams') {
        continue;
      }
      const descriptor = properties.find(p => p.name === key || p.ns && p.ns.localName === key);
      if (descriptor && descriptor.isReference) {
        continue;
      }
      const value = node[key];
      if (typeof value === 'string') {
        if (type === 'camunda:Script' && BODY.has(key)) {
          continue;
        }
        if (BODY.has(key) && !(descriptor && descriptor.isAttr)) {
          if (hasExpression(value)) {
            checkExpression(value, type.replace(/^.*:/, '').replace(/^./, c => c.toLowerCase()), report);
          }
        } else if (key !== 'id') {
          checkAttribute(key, value, report);
        }
      } else if (Array.isArray(value)) {
        value.forEach(child => visit(child, false));
      } else if (value && typeof value === 'object') {
        visit(value, false);
      }
    }
    for (const [ key, value ] of Object.entries(node.$attrs || {})) {
      if (!key.startsWith('xmlns') && typeof value === 'string') {
        checkAttribute(key.replace(/^.*:/, ''), value, report);
      }
    }
  }

  visit(root, true);
  return found;
}

/** A bpmnlint rule reporting the findings of one model-code-* rule. */
function rule(name) {
  return function() {
    function check(node, reporter) {
      if (!isOwner(node)) {
        return;
      }
      for (const finding of findings(node)) {
        if (finding.rule === name) {
          reporter.report(node.id, `Rule ${name}: ${finding.message}`);
        }
      }
    }
    return { check };
  };
}

module.exports = { rule, findings, allowed };
