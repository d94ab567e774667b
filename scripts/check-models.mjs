#!/usr/bin/env node
// Every model under processes/ imports as bpmn-js imports it (bpmn-moddle with Camunda's extension) without a
// single warning, and every process has a diagram (DI), so it opens laid out in Camunda Modeler.
// Then the models the deployment tests refuse (src/test/resources/io/commgov/engine) are refused by bpmnlint too,
// by the rule of the same name, so lint and io.commgov.engine.DeploymentRules agree.
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';

const require = createRequire(import.meta.url);
const camunda = require('camunda-bpmn-moddle/resources/camunda.json');
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

const root = new URL('..', import.meta.url).pathname;
const problems = [];

async function files(dir, suffix) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      found.push(...await files(path, suffix));
    } else if (entry.name.endsWith(suffix)) {
      found.push(path);
    }
  }
  return found.sort();
}

async function parse(file) {
  const moddle = new BpmnModdle({ camunda });
  return moddle.fromXML(await readFile(file, 'utf8'));
}

const models = await files(join(root, 'processes'), '.bpmn');
for (const file of models) {
  const name = relative(root, file);
  let definitions;
  try {
    const { rootElement, warnings } = await parse(file);
    definitions = rootElement;
    warnings.forEach(w => problems.push(`${name}: import warning: ${w.message.split('\n')[0]}`));
  } catch (e) {
    problems.push(`${name}: does not import: ${e.message.split('\n')[0]}`);
    continue;
  }
  const drawn = new Set();
  for (const diagram of definitions.diagrams || []) {
    const element = diagram.plane && diagram.plane.bpmnElement;
    if (!element) {
      continue;
    }
    drawn.add(element.id);
    (element.participants || []).forEach(p => p.processRef && drawn.add(p.processRef.id));
  }
  for (const process of definitions.rootElements.filter(e => e.$type === 'bpmn:Process')) {
    if (!drawn.has(process.id)) {
      problems.push(`${name}: process ${process.id} has no diagram (BPMNDiagram/BPMNPlane); lay it out in Modeler`);
    }
  }
}

// refused model → the rule that must refuse it in lint as at deployment
const refused = {
  'generated-ids.bpmn': 'commgov/readable-ids',
  'generated-process-id.bpmn': 'commgov/readable-ids',
  'short-retention.bpmn': 'commgov/history-ttl-minimum',
  'task-without-form.bpmn': 'commgov/user-task-form',
  'task-without-candidates.bpmn': 'commgov/user-task-candidate',
  'unknown-calendar.bpmn': 'commgov/sla-calendar'
};
const config = JSON.parse(await readFile(join(root, '.bpmnlintrc'), 'utf8'));
const linter = new Linter({ config, resolver: new NodeResolver() });
for (const [file, rule] of Object.entries(refused)) {
  const { rootElement } = await parse(join(root, 'src/test/resources/io/commgov/engine', file));
  const reports = await linter.lint(rootElement);
  if (!(reports[rule] || []).length) {
    problems.push(`${file}: refused at deployment but not by lint rule ${rule}`);
  }
}

// deploying a model is not running code: the refused samples of ModelCodeAttackTest are refused by lint by the same
// rule; the allowed sample passes every model-code rule; processes/ holds only models, and decisions only FEEL
// (io.commgov.engine.ModelResourcesRule), over the same allow-list (lint/bpmnlint-plugin-commgov/model-code.json)
const modelCode = JSON.parse(await readFile(join(root, 'lint/bpmnlint-plugin-commgov/model-code.json'), 'utf8'));
const samples = join(root, 'src/test/resources/io/commgov/engine/model-code');
const modelCodeRefused = JSON.parse(await readFile(join(samples, 'refused.json'), 'utf8'));
for (const { file, rule, element } of modelCodeRefused) {
  const { rootElement } = await parse(join(samples, file));
  const reports = (await linter.lint(rootElement))['commgov/' + rule] || [];
  if (!reports.some(r => r.id === element)) {
    problems.push(`${file}: refused at deployment (${rule} on ${element}) but not by lint`);
  }
}
{
  const { rootElement } = await parse(join(samples, 'allowed-model-code.bpmn'));
  for (const [ rule, reports ] of Object.entries(await linter.lint(rootElement))) {
    if (rule.startsWith('commgov/model-code') && reports.length) {
      problems.push(`allowed-model-code.bpmn: deploys but lint ${rule} refuses it: ${reports[0].message}`);
    }
  }
}
function decisionLanguageProblems(xml) {
  const found = [];
  for (const match of xml.matchAll(/\b(expressionLanguage|typeLanguage)="([^"]*)"/g)) {
    const language = match[2].trim().toLowerCase();
    const feel = modelCode.decisionLanguages.includes(language)
      || /^https?:\/\/www\.omg\.org\/spec\/(dmn\/\d{8}\/)?feel\/(\d{8})?$/.test(language);
    if (!feel) {
      found.push(`${match[1]}="${match[2]}"`);
    }
  }
  return found;
}
for (const dir of [ 'processes', 'forms' ]) {
  for (const file of await files(join(root, dir), '')) {
    const name = relative(root, file);
    if (name.startsWith('processes/.camunda/')) {
      continue; // Modeler's element templates, not deployed
    }
    if (!modelCode.resourceSuffixes.some(suffix => name.toLowerCase().endsWith(suffix))) {
      problems.push(`${name}: model-code-resource-type: only ${modelCode.resourceSuffixes.join(', ')} files are deployed`);
    } else if (name.endsWith('.dmn')) {
      decisionLanguageProblems(await readFile(file, 'utf8'))
        .forEach(p => problems.push(`${name}: model-code-decision-language: ${p}; decisions are written in FEEL only`));
    }
  }
}
for (const file of [ 'decision-juel.dmn', 'decision-script.dmn' ]) {
  if (!decisionLanguageProblems(await readFile(join(samples, file), 'utf8')).length) {
    problems.push(`${file}: refused at deployment (model-code-decision-language) but not by check-models`);
  }
}

if (problems.length) {
  problems.forEach(p => console.error(p));
  console.error(`check-models: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`check-models: ${models.length} models import without warnings and have a diagram; `
  + `${Object.keys(refused).length + modelCodeRefused.length + 2} refused models are refused by lint too`);
