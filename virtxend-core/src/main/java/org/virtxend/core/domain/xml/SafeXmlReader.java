package org.virtxend.core.domain.xml;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.virtxend.core.error.VirtException;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads untrusted XML text into an {@link XmlElement} tree. SAX is used rather than DOM because
 * DOM does not keep attributes in document order. DTDs are refused outright, which also rules
 * out external entities (XXE) and entity expansion bombs. Every failure is a
 * {@link VirtException} with libvirt's XML error code.
 */
public final class SafeXmlReader {
    /** libxml2's default nesting limit; deeper documents are refused before they can hurt us. */
    public static final int MAX_DEPTH = 256;

    private static SAXParserFactory factory;

    private SafeXmlReader() {
    }

    /** Parses {@code xml}; {@code what} names the document in error messages. */
    public static XmlElement read(String xml, String what) {
        if (xml == null || xml.isBlank()) {
            throw VirtException.xml("(" + what + "): empty XML document");
        }
        TreeBuilder builder = new TreeBuilder();
        try {
            SAXParser parser = newParser();
            // A byte order mark that survived decoding is not part of the document.
            String text = xml.charAt(0) == '\uFEFF' ? xml.substring(1) : xml;
            parser.parse(new InputSource(new StringReader(text)), builder);
        } catch (TooDeep e) {
            throw VirtException.xml("(" + what + "): XML nesting deeper than " + MAX_DEPTH + " levels");
        } catch (SAXParseException e) {
            throw VirtException.xml("(" + what + "):" + e.getLineNumber() + ": " + e.getMessage());
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw VirtException.xml("(" + what + "): " + e.getMessage());
        }
        if (builder.root == null) {
            throw VirtException.xml("(" + what + "): no root element");
        }
        return builder.root;
    }

    /** Factories are costly to look up but not thread-safe, so one is shared under a lock. */
    private static SAXParser newParser() throws ParserConfigurationException, SAXException {
        synchronized (SafeXmlReader.class) {
            if (factory == null) {
                factory = newFactory();
            }
            SAXParser parser = factory.newSAXParser();
            limitDepth(parser);
            return parser;
        }
    }

    private static SAXParserFactory newFactory() throws ParserConfigurationException, SAXException {
        // The JDK's own parser, whatever else is on the classpath: the features below are its names.
        SAXParserFactory f = SAXParserFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        f.setValidating(false);
        f.setXIncludeAware(false);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        // Report xmlns declarations as ordinary attributes so they survive a round trip.
        f.setFeature("http://xml.org/sax/features/namespace-prefixes", true);
        return f;
    }

    /**
     * Secure processing in recent JDKs caps nesting at 100 levels; libvirt (libxml2) allows 256,
     * so the JDK limit is raised to ours and our own check reports it.
     */
    private static void limitDepth(SAXParser parser) {
        try {
            parser.setProperty("jdk.xml.maxElementDepth", Integer.toString(MAX_DEPTH + 1));
        } catch (SAXException e) {
            // Not the JDK's parser: its own limits stay, ours still applies.
        }
    }

    private static final class TooDeep extends SAXException {
        TooDeep() {
            super("too deep");
        }
    }

    /** One open element while the tree is being built. */
    private static final class Frame {
        final String name;
        final List<XmlAttribute> attributes;
        final List<XmlNode> content = new ArrayList<>();
        final StringBuilder text = new StringBuilder();
        final Map<String, String> scope;
        /** Prefixes declared inside the tree below the root, so children need not repeat them. */
        final Set<String> declaredBelowRoot;

        Frame(String name, List<XmlAttribute> attributes, Map<String, String> scope, Set<String> declaredBelowRoot) {
            this.name = name;
            this.attributes = attributes;
            this.scope = scope;
            this.declaredBelowRoot = declaredBelowRoot;
        }

        void flushText() {
            if (!text.isEmpty()) {
                content.add(new XmlText(text.toString()));
                text.setLength(0);
            }
        }
    }

    private static final class TreeBuilder extends DefaultHandler {
        private final Deque<Frame> stack = new ArrayDeque<>();
        private final Map<String, String> pendingMappings = new LinkedHashMap<>();
        XmlElement root;

        @Override
        public void startPrefixMapping(String prefix, String uri) {
            pendingMappings.put(prefix, uri);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attrs) throws SAXException {
            if (stack.size() >= MAX_DEPTH) {
                throw new TooDeep();
            }
            Frame parent = stack.peek();
            if (parent != null) {
                parent.flushText();
            }
            Map<String, String> scope = new HashMap<>(parent == null ? Map.of() : parent.scope);
            scope.putAll(pendingMappings);
            Set<String> below = new HashSet<>();
            if (parent != null) {
                below.addAll(parent.declaredBelowRoot);
                below.addAll(pendingMappings.keySet());
            }
            pendingMappings.clear();

            List<XmlAttribute> attributes = new ArrayList<>(attrs.getLength());
            for (int i = 0; i < attrs.getLength(); i++) {
                attributes.add(new XmlAttribute(attrs.getQName(i), attrs.getValue(i)));
            }
            if (parent != null) {
                // A prefix declared only on <domain> would be lost when this subtree is kept on
                // its own, so the declaration is pushed down to the first element that uses it.
                pushDownDeclaration(prefixOf(qName), scope, below, attributes);
                for (int i = 0; i < attrs.getLength(); i++) {
                    pushDownDeclaration(prefixOf(attrs.getQName(i)), scope, below, attributes);
                }
            }
            stack.push(new Frame(qName, attributes, scope, below));
        }

        private static void pushDownDeclaration(String prefix, Map<String, String> scope, Set<String> below,
                                                List<XmlAttribute> attributes) {
            if (prefix == null || prefix.equals("xmlns") || prefix.equals("xml") || below.contains(prefix)) {
                return;
            }
            String nsUri = scope.get(prefix);
            if (nsUri != null) {
                attributes.add(new XmlAttribute("xmlns:" + prefix, nsUri));
                below.add(prefix);
            }
        }

        private static String prefixOf(String qName) {
            int colon = qName.indexOf(':');
            return colon > 0 ? qName.substring(0, colon) : null;
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            Frame f = stack.peek();
            if (f != null) {
                f.text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            Frame f = stack.pop();
            f.flushText();
            boolean hasElements = f.content.stream().anyMatch(n -> n instanceof XmlElement);
            List<XmlNode> content = hasElements
                    ? f.content.stream().filter(n -> !(n instanceof XmlText t && t.isBlank())).toList()
                    : f.content;
            XmlElement done = new XmlElement(f.name, f.attributes, content);
            Frame parent = stack.peek();
            if (parent == null) {
                root = done;
            } else {
                parent.content.add(done);
            }
        }

        @Override
        public void warning(SAXParseException e) {
            // Warnings do not make a document unusable; libvirt ignores them as well.
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }
    }
}
