package org.virtxend.dist.log;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The daemon's logger, behind {@code System.Logger}/java.util.logging: libvirt's priorities,
 * filters and outputs, replaceable while running (SIGHUP). A record is formatted once and
 * handed to every output whose priority it reaches.
 */
public final class DaemonLog {
    /** Libraries (and the JDK) that are chatty below warning; a filter naming them lowers this. */
    private static final List<String> QUIET_LIBRARIES = List.of("io.netty", "reactor", "io.micrometer", "java", "javax",
            "jdk", "sun");
    private static final Handler HANDLER = new Dispatch();
    private static volatile Active active;
    private static volatile List<String> header = List.of();

    private DaemonLog() {
    }

    /**
     * Opens the outputs of {@code config} and makes them current; the previous ones are closed.
     * On failure nothing changes.
     *
     * @throws IOException an output cannot be opened (a file in a directory we cannot create, …)
     */
    public static synchronized void apply(LogConfig config, LogPlaces places, PrintStream stderr) throws IOException {
        List<Opened> outputs = new ArrayList<>();
        try {
            for (LogOutputSpec spec : config.outputs()) {
                outputs.add(new Opened(spec.priority(), open(spec, places, stderr)));
            }
        } catch (IOException | RuntimeException e) {
            outputs.forEach(o -> o.output().close());
            throw e;
        }
        Active previous = active;
        active = new Active(config, List.copyOf(outputs), new ConcurrentHashMap<>());
        installHandler(config);
        if (previous != null) {
            previous.outputs().forEach(o -> o.output().close());
        }
    }

    /** Before the configuration is known: warnings and errors to stderr. */
    public static void early(PrintStream stderr) {
        try {
            apply(LogConfig.early(), LogPlaces.system(), stderr);
        } catch (IOException e) {
            throw new IllegalStateException("stderr cannot fail to open", e);
        }
    }

    /**
     * Lines every output starts with, before its first message (libvirt writes its version
     * and the host name this way, whatever the level, so a log always says what wrote it).
     */
    public static void setHeader(List<String> lines) {
        header = List.copyOf(lines);
    }

    /** The logging in effect. */
    public static LogConfig current() {
        Active a = active;
        return a == null ? LogConfig.early() : a.config();
    }

    private static LogOutput open(LogOutputSpec spec, LogPlaces places, PrintStream stderr) throws IOException {
        return switch (spec.destination()) {
            case STDERR -> new StderrOutput(stderr);
            case FILE -> new FileOutput(places.reroot().apply(spec.argument()));
            case SYSLOG -> new SyslogOutput(places.syslogSocket().toString(), spec.argument());
            case JOURNALD -> new JournaldOutput(places.journaldSocket().toString());
        };
    }

    private static void installHandler(LogConfig config) {
        Logger root = Logger.getLogger("");
        if (!List.of(root.getHandlers()).contains(HANDLER)) {
            LogManager.getLogManager().reset(); // drops the JDK's console handler
            root.addHandler(HANDLER);
        }
        root.setLevel(config.lowestThreshold().julLevel());
        for (String library : QUIET_LIBRARIES) {
            LogPriority p = config.thresholdFor(library + ".");
            if (p == config.level() && p.number() < LogPriority.WARNING.number()) {
                p = LogPriority.WARNING; // not named by a filter: keep it quiet
            }
            Logger.getLogger(library).setLevel(p.julLevel());
        }
    }

    /** An open output and whether it has written the header yet. */
    private static final class Opened {
        private final LogPriority priority;
        private final LogOutput output;
        private boolean started; // guarded by this

        Opened(LogPriority priority, LogOutput output) {
            this.priority = priority;
            this.output = output;
        }

        LogPriority priority() {
            return priority;
        }

        LogOutput output() {
            return output;
        }

        void write(LogLine line) {
            synchronized (this) {
                if (!started) {
                    started = true;
                    for (String h : header) {
                        output.write(new LogLine(line.time(), line.threadId(), LogPriority.INFO, "", h));
                    }
                }
            }
            output.write(line);
        }
    }

    private record Active(LogConfig config, List<Opened> outputs, Map<String, LogPriority> thresholds) {
        LogPriority threshold(String logger) {
            return thresholds.computeIfAbsent(logger == null ? "" : logger, config::thresholdFor);
        }
    }

    private static final class Dispatch extends Handler {
        @Override
        public void publish(LogRecord r) {
            Active a = active;
            if (a == null) {
                return;
            }
            LogPriority p = LogPriority.ofJul(r.getLevel());
            if (p.number() < a.threshold(r.getLoggerName()).number()) {
                return;
            }
            LogLine line = null;
            for (Opened o : a.outputs()) {
                if (p.number() >= o.priority().number()) {
                    if (line == null) {
                        line = LogLine.of(r);
                    }
                    o.write(line);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** Root logger level as java.util.logging sees it (tests). */
    static Level rootLevel() {
        return Logger.getLogger("").getLevel();
    }
}
