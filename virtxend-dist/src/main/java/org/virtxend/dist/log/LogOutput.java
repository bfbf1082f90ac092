package org.virtxend.dist.log;

/** Where log lines go: one {@code log_outputs} entry, opened. */
interface LogOutput extends AutoCloseable {
    void write(LogLine line);

    @Override
    default void close() {
    }
}
