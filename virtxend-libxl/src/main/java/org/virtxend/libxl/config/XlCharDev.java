package org.virtxend.libxl.config;

import org.virtxend.core.domain.xml.XmlElement;

/** The qemu-style character device text of xl.cfg ({@code serial=}) → a character device element. */
final class XlCharDev {
    private XlCharDev() {
    }

    static XmlElement parse(String spec, String element, String key) {
        if (spec.startsWith("/")) {
            return XmlElement.of(element, "type", "dev").withChildAppended(XmlElement.of("source", "path", spec));
        }
        int colon = spec.indexOf(':');
        String kind = colon < 0 ? spec : spec.substring(0, colon);
        String rest = colon < 0 ? "" : spec.substring(colon + 1);
        return switch (kind) {
            case "pty", "null", "vc", "stdio" -> {
                if (colon >= 0) {
                    throw XlSettings.invalid(key, spec);
                }
                yield XmlElement.of(element, "type", kind);
            }
            case "file", "pipe" -> XmlElement.of(element, "type", kind)
                    .withChildAppended(XmlElement.of("source", "path", nonEmpty(rest, key, spec)));
            case "unix" -> {
                boolean server = rest.endsWith(",server,nowait");
                String path = server ? rest.substring(0, rest.length() - ",server,nowait".length()) : rest;
                yield XmlElement.of(element, "type", "unix").withChildAppended(XmlElement.of("source", "mode",
                        server ? "bind" : "connect", "path", nonEmpty(path, key, spec)));
            }
            case "tcp", "telnet" -> {
                boolean server = rest.endsWith(",server,nowait");
                String addr = server ? rest.substring(0, rest.length() - ",server,nowait".length()) : rest;
                int c = addr.lastIndexOf(':');
                if (c < 0) {
                    throw XlSettings.invalid(key, spec);
                }
                XmlElement src = XmlElement.of("source", "mode", server ? "bind" : "connect",
                        "host", addr.substring(0, c).isEmpty() ? null : addr.substring(0, c),
                        "service", nonEmpty(addr.substring(c + 1), key, spec));
                yield XmlElement.of(element, "type", "tcp").withChildAppended(src)
                        .withChildAppended(XmlElement.of("protocol", "type", kind.equals("tcp") ? "raw" : "telnet"));
            }
            case "udp" -> {
                int at = rest.indexOf('@');
                String connect = at < 0 ? rest : rest.substring(0, at);
                int c = connect.lastIndexOf(':');
                if (c < 0) {
                    throw XlSettings.invalid(key, spec);
                }
                XmlElement e = XmlElement.of(element, "type", "udp").withChildAppended(XmlElement.of("source",
                        "mode", "connect", "host", connect.substring(0, c).isEmpty() ? null : connect.substring(0, c),
                        "service", connect.substring(c + 1)));
                if (at >= 0) {
                    String bind = rest.substring(at + 1);
                    int b = bind.lastIndexOf(':');
                    if (b < 0) {
                        throw XlSettings.invalid(key, spec);
                    }
                    e = e.withChildAppended(XmlElement.of("source", "mode", "bind",
                            "host", bind.substring(0, b).isEmpty() ? null : bind.substring(0, b),
                            "service", bind.substring(b + 1)));
                }
                yield e;
            }
            default -> throw XlSettings.invalid(key, spec);
        };
    }

    private static String nonEmpty(String v, String key, String spec) {
        if (v.isEmpty()) {
            throw XlSettings.invalid(key, spec);
        }
        return v;
    }
}
