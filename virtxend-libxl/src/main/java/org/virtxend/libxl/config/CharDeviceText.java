package org.virtxend.libxl.config;

import org.virtxend.core.domain.device.CharDevice;
import org.virtxend.core.domain.xml.XmlElement;

/**
 * A character device as the qemu-style text xl.cfg and libxl use for HVM serial ports:
 * "pty", "file:/path", "/dev/ttyS0", "tcp:host:port,server,nowait", "unix:/path,server,nowait".
 */
final class CharDeviceText {
    private CharDeviceText() {
    }

    static String of(CharDevice c) {
        XmlElement x = c.xml();
        String path = c.sourcePath();
        return switch (c.type()) {
            case "pty", "null", "vc", "stdio" -> c.type();
            case "file" -> "file:" + required(path, c);
            case "pipe" -> "pipe:" + required(path, c);
            case "dev" -> required(path, c);
            case "tcp" -> {
                XmlElement src = x.child("source");
                String host = src == null ? null : src.attribute("host");
                String port = src == null ? null : src.attribute("service");
                String proto = x.childAttribute("protocol", "type");
                String prefix = "telnet".equals(proto) ? "telnet:" : "tcp:";
                yield prefix + (host == null ? "" : host) + ":" + required(port, c) + serverSuffix(src);
            }
            case "udp" -> udp(x, c);
            case "unix" -> "unix:" + required(path, c) + serverSuffix(x.child("source"));
            default -> throw LibxlErrors.unsupported("unsupported chardev '" + c.type() + "'");
        };
    }

    private static String udp(XmlElement x, CharDevice c) {
        String connectHost = "";
        String connectPort = null;
        String bindHost = "";
        String bindPort = "0";
        for (XmlElement s : x.children("source")) {
            String host = s.attribute("host") == null ? "" : s.attribute("host");
            if ("bind".equals(s.attribute("mode"))) {
                bindHost = host;
                bindPort = s.attribute("service") == null ? "0" : s.attribute("service");
            } else {
                connectHost = host;
                connectPort = s.attribute("service");
            }
        }
        return "udp:" + connectHost + ":" + required(connectPort, c) + "@" + bindHost + ":" + bindPort;
    }

    private static String serverSuffix(XmlElement source) {
        return source != null && "bind".equals(source.attribute("mode")) ? ",server,nowait" : "";
    }

    private static String required(String value, CharDevice c) {
        if (value == null) {
            throw LibxlErrors.unsupported("chardev '" + c.type() + "' needs a source");
        }
        return value;
    }
}
