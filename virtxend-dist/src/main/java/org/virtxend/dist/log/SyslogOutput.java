package org.virtxend.dist.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.virtxend.dist.os.UnixDatagramSender;

/**
 * {@code N:syslog:NAME}: one datagram per message to the syslog socket ({@code /dev/log}),
 * in the form glibc's syslog() sends, facility daemon, NAME as the identity. A missing or
 * busy syslog daemon loses messages; it never blocks us.
 */
final class SyslogOutput implements LogOutput {
    private static final int FACILITY_DAEMON = 3;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);

    private final String socket;
    private final String ident;
    private final long pid = ProcessHandle.current().pid();
    private final UnixDatagramSender sender;

    SyslogOutput(String socket, String ident) throws IOException {
        this.socket = socket;
        this.ident = ident;
        this.sender = UnixDatagramSender.open();
    }

    @Override
    public void write(LogLine line) {
        int pri = FACILITY_DAEMON * 8 + line.priority().syslogSeverity();
        String msg = "<" + pri + ">" + STAMP.format(line.time().atZone(ZoneId.systemDefault())) + " " + ident + "["
                + pid + "]: " + line.body();
        sender.send(socket, msg.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        sender.close();
    }
}
