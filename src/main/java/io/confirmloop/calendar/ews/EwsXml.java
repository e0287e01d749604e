package io.confirmloop.calendar.ews;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reading and writing EWS XML with the JDK's DOM: namespace-aware parsing with external entities
 * and DTDs off, child lookups by namespace and local name, and text escaping for the requests.
 */
final class EwsXml {

    static final String SOAP = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String TYPES = "http://schemas.microsoft.com/exchange/services/2006/types";
    static final String MESSAGES = "http://schemas.microsoft.com/exchange/services/2006/messages";
    static final String ERRORS = "http://schemas.microsoft.com/exchange/services/2006/errors";

    private static final DocumentBuilderFactory FACTORY = factory();

    private EwsXml() {
    }

    private static DocumentBuilderFactory factory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setExpandEntityReferences(false);
        f.setXIncludeAware(false);
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK's XML parser refuses secure processing", e);
        }
        return f;
    }

    /** The document, or empty if {@code xml} is not well-formed XML. */
    static Optional<Document> parse(String xml) {
        if (xml == null || xml.isBlank()) {
            return Optional.empty();
        }
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(null);
            return Optional.of(builder.parse(new InputSource(new StringReader(xml))));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            return Optional.empty();
        }
    }

    /** Child elements of {@code parent} (direct children only) with this namespace and local name. */
    static List<Element> children(Node parent, String ns, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && name.equals(e.getLocalName()) && (ns == null || ns.equals(e.getNamespaceURI()))) {
                found.add(e);
            }
        }
        return found;
    }

    /** Every child element, whatever its name. */
    static List<Element> elements(Node parent) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent == null ? null : parent.getChildNodes();
        for (int i = 0; nodes != null && i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e) {
                found.add(e);
            }
        }
        return found;
    }

    static Element child(Node parent, String ns, String name) {
        List<Element> found = children(parent, ns, name);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The first descendant element with this namespace and local name, or null. */
    static Element descendant(Node root, String ns, String name) {
        NodeList nodes = root instanceof Document d ? d.getElementsByTagNameNS(ns, name) : ((Element) root).getElementsByTagNameNS(ns, name);
        return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
    }

    static List<Element> descendants(Node root, String ns, String name) {
        NodeList nodes = root instanceof Document d ? d.getElementsByTagNameNS(ns, name) : ((Element) root).getElementsByTagNameNS(ns, name);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    /** The text of the child element, or null if there is none. */
    static String text(Node parent, String ns, String name) {
        Element e = child(parent, ns, name);
        return e == null ? null : e.getTextContent();
    }

    /** An attribute's value, or null when it is absent. */
    static String attr(Element e, String name) {
        return e == null || !e.hasAttribute(name) ? null : e.getAttribute(name);
    }

    /** Text escaped for an element's content or an attribute value. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\r' -> out.append("&#13;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
