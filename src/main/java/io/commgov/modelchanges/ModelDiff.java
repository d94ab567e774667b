package io.commgov.modelchanges;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What a changed process model changes against the previous version of its key, as the approver reads it: elements
 * added and removed, and every changed expression, candidate, SLA (timer) and retention; other edits (names,
 * documentation, flows) are counted. Plain text: it is shown as text, never as markup.
 */
final class ModelDiff {

    static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\n]]");
    private static final int MAX_VALUE = 160;

    enum Kind {
        RETENTION("保留期限"), CANDIDATES("候选人"), SLA("时限（SLA）"), EXPRESSION("表达式"), OTHER("其他");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private ModelDiff() {
    }

    /** The lines describing {@code current} against {@code previous} (null for a new process key). */
    static List<String> describe(String key, byte[] current, byte[] previous) {
        Map<String, Map<String, String>> now = elements(key, current);
        Map<String, Map<String, String>> before = previous == null ? Map.of() : elements(key, previous);
        List<String> lines = new ArrayList<>();
        int others = 0;
        for (var element : now.entrySet()) {
            Map<String, String> old = before.get(element.getKey());
            if (old == null && previous != null) {
                lines.add("新增元素：" + element.getKey() + "（" + element.getValue().getOrDefault("@type", "?")
                        + name(element.getValue()) + "）");
            }
            for (var facet : element.getValue().entrySet()) {
                String was = old == null ? null : old.get(facet.getKey());
                if (facet.getValue().equals(was) || facet.getKey().equals("@type")) {
                    continue;
                }
                Kind kind = kindOf(facet.getKey(), facet.getValue());
                if (kind == Kind.OTHER) {
                    others++;
                } else {
                    lines.add(kind.label + "：" + element.getKey() + " " + facet.getKey() + "：" + (was == null ? "（无）" : quote(was))
                            + " → " + quote(facet.getValue()));
                }
            }
            if (old != null) {
                for (var facet : old.entrySet()) {
                    if (!element.getValue().containsKey(facet.getKey())) {
                        Kind kind = kindOf(facet.getKey(), facet.getValue());
                        if (kind == Kind.OTHER) {
                            others++;
                        } else {
                            lines.add(kind.label + "：" + element.getKey() + " " + facet.getKey() + "：" + quote(facet.getValue()) + " → （无）");
                        }
                    }
                }
            }
        }
        for (var element : before.entrySet()) {
            if (!now.containsKey(element.getKey())) {
                lines.add("删除元素：" + element.getKey() + "（" + element.getValue().getOrDefault("@type", "?") + name(element.getValue()) + "）");
            }
        }
        if (others > 0) {
            lines.add("其他改动：" + others + " 处（名称、文档、连线等）");
        }
        if (lines.isEmpty()) {
            lines.add("与上一版本内容相同（无改动）");
        }
        return lines;
    }

    static Kind kindOf(String facet, String value) {
        String f = facet.toLowerCase(java.util.Locale.ROOT);
        if (f.contains("historytimetolive")) {
            return Kind.RETENTION;
        }
        if (f.contains("candidategroups") || f.contains("candidateusers") || f.contains("assignee") || f.contains("potentialowner")
                || f.contains("humanperformer")) {
            return Kind.CANDIDATES;
        }
        if (f.contains("timeduration") || f.contains("timedate") || f.contains("timecycle") || f.contains("duedate")
                || f.contains("followupdate") || value.toLowerCase(java.util.Locale.ROOT).contains("sla")) {
            return Kind.SLA;
        }
        if (value.contains("${") || value.contains("#{") || f.endsWith("expression") || f.endsWith("class") || f.contains("script")
                || f.contains("resource") || f.contains("connector") || f.contains("listener") || f.endsWith("topic")) {
            return Kind.EXPRESSION;
        }
        return Kind.OTHER;
    }

    private static String name(Map<String, String> facets) {
        String name = facets.get("name");
        return name == null ? "" : " " + quote(name);
    }

    static String quote(String value) {
        String clean = CONTROL.matcher(value.replace('\n', ' ')).replaceAll("").strip();
        return "「" + (clean.length() > MAX_VALUE ? clean.substring(0, MAX_VALUE) + "…" : clean) + "」";
    }

    /** Element id → its facets (attributes and the text and attributes of its children without an id of their own). */
    static Map<String, Map<String, String>> elements(String key, byte[] model) {
        Document document = parse(model);
        Map<String, Map<String, String>> elements = new LinkedHashMap<>();
        for (Node n = document.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element process && "process".equals(process.getLocalName()) && key.equals(process.getAttribute("id"))) {
                collect(process, elements);
            }
        }
        return elements;
    }

    private static void collect(Element element, Map<String, Map<String, String>> elements) {
        Map<String, String> facets = new LinkedHashMap<>();
        facets.put("@type", element.getLocalName());
        facets(element, "", facets, elements);
        elements.put(element.getAttribute("id"), facets);
    }

    private static void facets(Element element, String path, Map<String, String> facets, Map<String, Map<String, String>> elements) {
        var attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            var attribute = attributes.item(i);
            String name = attribute.getNodeName();
            if (!(path.isEmpty() && name.equals("id")) && !name.startsWith("xmlns")) {
                facets.put(path.isEmpty() ? name : path + "@" + name, attribute.getNodeValue());
            }
        }
        StringBuilder text = new StringBuilder();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                if (BPMN_NS.equals(child.getNamespaceURI()) && !child.getAttribute("id").isEmpty()) {
                    collect(child, elements);
                    continue;
                }
                String local = child.getLocalName();
                if (local.equals("incoming") || local.equals("outgoing")) {
                    continue;
                }
                int index = seen.merge(child.getNodeName(), 1, Integer::sum);
                String childPath = (path.isEmpty() ? "" : path + "/") + child.getNodeName() + (index > 1 ? "[" + index + "]" : "");
                facets(child, childPath, facets, elements);
            } else if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(n.getNodeValue());
            }
        }
        if (!path.isEmpty() && !text.toString().isBlank()) {
            facets.put(path, text.toString().strip());
        }
    }

    private static Document parse(byte[] model) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(model));
        } catch (Exception e) {
            // the engine has parsed this model already; a model it reads but this cannot is shown as unreadable
            throw new IllegalStateException("the model cannot be read for its change summary: " + e.getMessage(), e);
        }
    }
}
