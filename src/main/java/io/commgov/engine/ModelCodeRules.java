package io.commgov.engine;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.impl.juel.AstBinary;
import org.camunda.bpm.impl.juel.AstBoolean;
import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstChoice;
import org.camunda.bpm.impl.juel.AstComposite;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstEval;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNested;
import org.camunda.bpm.impl.juel.AstNull;
import org.camunda.bpm.impl.juel.AstNumber;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.AstText;
import org.camunda.bpm.impl.juel.AstUnary;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * Deploying a model is not running code: a model may hold expressions over process variables and literals, call the
 * allow-listed CommGov beans ({@link ModelCode}) and name CommGov delegates, nothing else. No scripts, no Java
 * classes, no connectors, no external resources, no HTML forms (they run JavaScript in Tasklist). A process owner may
 * deploy; without these rules that would make them a platform administrator (the job executor runs the model's code
 * with the engine's full powers, without authorization checks).
 */
final class ModelCodeRules {

    static final String EXPRESSION = "model-code-expression";
    static final String SCRIPT = "model-code-script";
    static final String CLASS = "model-code-class";
    static final String DELEGATE = "model-code-delegate";
    static final String CONNECTOR = "model-code-connector";
    static final String RESOURCE = "model-code-resource";
    static final String FORM = "model-code-form";
    static final String PROTECTED_VARIABLE = "model-code-protected-variable";

    private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
    // the parser Camunda's expression manager uses, with method calls on: an expression is checked as it would run
    private static final Builder JUEL = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

    private final ModelCode allowed;

    ModelCodeRules(ModelCode allowed) {
        this.allowed = allowed;
    }

    /** Checks an element and everything in it; {@code owner} is the element the messages name (the nearest with an id). */
    void check(Element element, BiConsumer<String, Element> violation) {
        visit(element, element, violation);
    }

    private void visit(Element element, Element owner, BiConsumer<String, Element> violation) {
        // messages name the nearest element with an id, the event rather than its timer or message definition
        Element named = element.attribute("id") != null && !element.getTagName().endsWith("EventDefinition") ? element : owner;
        Report report = new Report(named, violation);
        String tag = element.getTagName();
        boolean camunda = CAMUNDA_NS.equals(element.getUri());
        if ("scriptTask".equals(tag) && !camunda) {
            report.error(SCRIPT, "is a script task; scripts run with the engine's powers. Use a service task with a"
                    + " CommGov delegate (delegateExpression=\"${...Delegate}\")");
        }
        if (camunda && "script".equals(tag)) {
            report.error(SCRIPT, "has a camunda:script; scripts run with the engine's powers. Use a CommGov delegate"
                    + " or listener bean");
        }
        if (camunda && "connector".equals(tag)) {
            report.error(CONNECTOR, "has a camunda:connector; models reach other systems only through CommGov delegates");
        }
        for (String key : element.attributes()) {
            checkAttribute(localName(key), element.attribute(key), report);
        }
        if (camunda && ("outputParameter".equals(tag) || "out".equals(tag))) {
            String target = "out".equals(tag) ? element.attribute("target") : element.attribute("name");
            checkProtectedName(target, "camunda:" + tag, report);
        }
        String text = element.getText();
        if (!"script".equals(tag) && hasExpression(text)) {
            checkExpression(text, tag, report);
        }
        for (Element child : element.elements()) {
            visit(child, named, violation);
        }
    }

    private void checkAttribute(String name, String value, Report report) {
        if (value == null) {
            return;
        }
        switch (name) {
            case "class", "variableMappingClass" -> {
                // BPMN itself has no such attribute: it is camunda:class on a task or class= on a camunda listener
                report.error(CLASS, "names a Java class (" + name + "=\"" + value + "\"); models name CommGov"
                        + " delegate beans with delegateExpression=\"${...Delegate}\" instead");
                return;
            }
            case "delegateExpression", "variableMappingDelegateExpression" -> {
                checkDelegate(name, value, report);
                return;
            }
            case "resource" -> {
                report.error(RESOURCE, "loads an external resource (resource=\"" + value + "\"); a model carries"
                        + " no scripts or files, only what it says itself");
                return;
            }
            case "language", "scriptFormat" -> {
                if (!value.isBlank()) {
                    report.error(SCRIPT, "has a script (" + name + "=\"" + value + "\"); conditions and values are"
                            + " expressions over process variables (${approved})");
                }
                return;
            }
            case "formKey" -> {
                if (allowed.formKeyPrefixes().stream().noneMatch(value::startsWith)) {
                    report.error(FORM, "has formKey=\"" + value + "\"; embedded and app HTML forms run JavaScript in"
                            + " Tasklist. Link a Camunda Form with camunda:formRef (or a camunda-forms: key)");
                    return;
                }
            }
            case "resultVariable" -> checkProtectedName(value, "camunda:resultVariable", report);
            default -> {
                // every other attribute is checked below if it holds an expression
            }
        }
        if (hasExpression(value)) {
            checkExpression(value, name, report);
        }
    }

    private void checkDelegate(String attribute, String value, Report report) {
        String trimmed = value.trim();
        String bean = trimmed.startsWith("${") && trimmed.endsWith("}") ? trimmed.substring(2, trimmed.length() - 1).trim() : null;
        if (bean == null || !allowed.delegates().contains(bean)) {
            report.error(DELEGATE, attribute + "=\"" + value + "\" does not name a CommGov delegate bean; write"
                    + " ${beanName} with a delegate or listener from the allow-list (" + ModelCode.RESOURCE + ")");
        }
    }

    private void checkProtectedName(String variable, String where, Report report) {
        if (variable != null && allowed.protectedVariables().contains(variable.trim())) {
            report.error(PROTECTED_VARIABLE, "writes the variable '" + variable.trim() + "' (" + where + "); CommGov"
                    + " derives " + sorted(allowed.protectedVariables()) + " itself and nothing else may write them");
        }
    }

    static boolean hasExpression(String text) {
        return text != null && (text.contains("${") || text.contains("#{"));
    }

    private void checkExpression(String expression, String where, Report report) {
        Node root;
        try {
            root = JUEL.build(expression).getRoot();
        } catch (TreeBuilderException e) {
            report.error(EXPRESSION, where + " \"" + expression + "\" is not a valid expression: " + e.getMessage());
            return;
        }
        new ExpressionCheck(expression, where, report).value(root);
    }

    /** Walks an expression's tree; every node must be a literal, an operator, a variable or an allowed call. */
    private final class ExpressionCheck {

        private final String expression;
        private final String where;
        private final Report report;

        ExpressionCheck(String expression, String where, Report report) {
            this.expression = expression;
            this.where = where;
            this.report = report;
        }

        void value(Node node) {
            if (node instanceof AstComposite || node instanceof AstEval || node instanceof AstNested
                    || node instanceof AstBinary || node instanceof AstUnary || node instanceof AstChoice) {
                children(node);
            } else if (node instanceof AstText || node instanceof AstString || node instanceof AstNumber
                    || node instanceof AstBoolean || node instanceof AstNull) {
                // a literal
            } else if (node instanceof AstIdentifier identifier) {
                identifier(identifier.getName());
            } else if (node instanceof AstMethod) {
                method(node);
            } else if (node instanceof AstFunction function) {
                refuse("calls the function " + function.getName() + "(); models call only allow-listed bean methods");
            } else if (node instanceof AstDot || node instanceof AstBracket) {
                refuse("reads a property (" + describe(node) + "); a model reads process variables by name and calls"
                        + " only allow-listed methods");
            } else {
                refuse("uses " + node.getClass().getSimpleName() + ", which models may not use");
            }
        }

        private void children(Node node) {
            for (int i = 0; i < node.getCardinality(); i++) {
                value(node.getChild(i));
            }
        }

        private void identifier(String name) {
            if (allowed.engineObjects().contains(name)) {
                refuse("uses '" + name + "' itself; a model may only pass it to an allow-listed bean method or call"
                        + " " + name + ".getVariable('name')");
            } else if (allowed.beans().containsKey(name) || allowed.delegates().contains(name)) {
                refuse("uses the bean '" + name + "' as a value; call one of its allow-listed methods");
            }
            // anything else is a process variable
        }

        private void method(Node call) {
            Node property = call.getChild(0);
            Node parameters = call.getChild(1);
            if (!(property instanceof AstDot)) {
                refuse("calls a method chosen at run time (" + describe(property) + "); write the method name");
                return;
            }
            String method = property.toString().substring(2);
            Node base = property.getChild(0);
            String baseName = base instanceof AstIdentifier identifier ? identifier.getName() : null;
            if (baseName != null && allowed.scopeObjects().contains(baseName)) {
                scopeCall(baseName, method, parameters);
            } else if (baseName != null && allowed.engineObjects().contains(baseName)) {
                refuse("calls " + baseName + "." + method + "(); models may not use the engine's objects");
            } else if (baseName != null && allowed.beans().containsKey(baseName)) {
                Set<String> methods = allowed.beans().get(baseName);
                if (!methods.contains(method)) {
                    refuse("calls " + baseName + "." + method + "(), which is not allowed; the bean '" + baseName
                            + "' offers models " + sorted(methods));
                    return;
                }
                for (int i = 0; i < parameters.getCardinality(); i++) {
                    beanArgument(parameters.getChild(i));
                }
            } else if (baseName != null && allowed.delegates().contains(baseName)) {
                refuse("calls " + baseName + "." + method + "(); a delegate bean is named only by delegateExpression");
            } else {
                if (!allowed.valueMethods().contains(method)) {
                    refuse("calls " + method + "() on " + (baseName != null ? "'" + baseName + "'" : "a value")
                            + ", which is neither an allow-listed CommGov bean nor one of the methods models may call on"
                            + " a variable's value " + sorted(allowed.valueMethods()));
                    return;
                }
                value(base);
                children(parameters);
            }
        }

        // the allow-listed bean decides what to do with the execution it is given; this is how SLAs read their element
        private void beanArgument(Node argument) {
            if (argument instanceof AstIdentifier identifier && allowed.scopeObjects().contains(identifier.getName())) {
                return;
            }
            value(argument);
        }

        private void scopeCall(String scope, String method, Node parameters) {
            if (!allowed.scopeMethods().contains(method)) {
                refuse("calls " + scope + "." + method + "(); on " + scope + " a model may only call "
                        + sorted(allowed.scopeMethods()) + " with a variable name in quotes");
                return;
            }
            int count = parameters.getCardinality();
            boolean setter = "setVariable".equals(method);
            if (count != (setter ? 2 : 1) || !(parameters.getChild(0) instanceof AstString name)) {
                refuse("calls " + scope + "." + method + "() without a variable name in quotes"
                        + (setter ? " and a value" : "") + "; write e.g. " + scope + "." + method
                        + (setter ? "('collected', true)" : "('response')"));
                return;
            }
            if (setter) {
                String variable = String.valueOf(name.eval(null, null));
                if (allowed.protectedVariables().contains(variable)) {
                    report.error(PROTECTED_VARIABLE, where + " \"" + expression + "\" writes the variable '" + variable
                            + "'; CommGov derives " + sorted(allowed.protectedVariables())
                            + " itself and nothing else may write them");
                }
                value(parameters.getChild(1));
            }
        }

        private void refuse(String what) {
            report.error(EXPRESSION, where + " \"" + expression + "\" " + what);
        }
    }

    private static String describe(Node node) {
        return node instanceof AstDot ? node.toString().substring(2) : node.toString();
    }

    private static String sorted(Set<String> names) {
        return String.join(", ", new TreeSet<>(names));
    }

    private static String localName(String key) {
        int colon = key.lastIndexOf(':');
        return colon < 0 ? key : key.substring(colon + 1);
    }

    private record Report(Element element, BiConsumer<String, Element> violation) {
        void error(String rule, String message) {
            String id = element.attribute("id");
            violation.accept("Rule " + rule + ": " + element.getTagName() + " '" + id + "' " + message, element);
        }
    }
}
