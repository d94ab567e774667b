const { is } = require('bpmnlint-utils');

/** The value of a camunda:property (Modeler's "Extension properties") of the element, or undefined. */
function extensionProperty(node, name) {
  const values = (node.extensionElements && node.extensionElements.values) || [];
  for (const extension of values) {
    if (is(extension, 'camunda:Properties')) {
      const property = (extension.values || []).find(p => p.name === name);
      if (property) {
        return property.value;
      }
    }
  }
  return undefined;
}

function blank(value) {
  return value === undefined || value === null || String(value).trim() === '';
}

module.exports = { extensionProperty, blank };
