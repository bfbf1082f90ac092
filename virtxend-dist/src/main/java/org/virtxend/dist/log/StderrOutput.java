package org.virtxend.dist.log;

import java.io.PrintStream;

/** {@code N:stderr}. */
final class StderrOutput implements LogOutput {
    private final PrintStream out;

    StderrOutput(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void write(LogLine line) {
        out.print(line.fileLine());
        out.flush();
    }
}
