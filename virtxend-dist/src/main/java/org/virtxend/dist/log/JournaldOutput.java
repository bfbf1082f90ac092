package org.virtxend.dist.log;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.virtxend.dist.os.UnixDatagramSender;

/**
 * {@code N:journald}: one datagram per message in journald's native protocol to its socket
 * ({@code /run/systemd/journal/socket}): {@code FIELD=value} lines, a value with a newline
 * (a stack trace) in the length-prefixed binary form. Never blocks us.
 */
final class JournaldOutput implements LogOutput {
    private final String socket;
    private final UnixDatagramSender sender;

    JournaldOutput(String socket) throws IOException {
        this.socket = socket;
        this.sender = UnixDatagramSender.open();
    }

    @Override
    public void write(LogLine line) {
        sender.send(socket, datagram(line));
    }

    static byte[] datagram(LogLine line) {
        var out = new ByteArrayOutputStream(256);
        field(out, "MESSAGE", line.message());
        field(out, "PRIORITY", Integer.toString(line.priority().syslogSeverity()));
        field(out, "SYSLOG_IDENTIFIER", "virtxend");
        field(out, "LIBVIRT_SOURCE", line.logger());
        field(out, "CODE_FUNC", line.source());
        field(out, "TID", Long.toString(line.threadId()));
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, String name, String value) {
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        if (value.indexOf('\n') < 0) {
            out.write('=');
            out.writeBytes(v);
        } else {
            out.write('\n');
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v.length).array());
            out.writeBytes(v);
        }
        out.write('\n');
    }

    @Override
    public void close() {
        sender.close();
    }
}
