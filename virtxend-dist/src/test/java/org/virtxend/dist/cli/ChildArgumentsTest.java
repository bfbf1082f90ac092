package org.virtxend.dist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the -d parent passes its detached child: the same options, every path absolute. */
class ChildArgumentsTest {
    private static CommandLine parse(String... args) {
        return ((ParseResult.Run) CommandLine.parse("virtxend", List.of(args))).options();
    }

    @Test
    void pathsBecomeAbsoluteAndEveryOptionIsKept() {
        String cwd = Path.of("").toAbsolutePath().toString();
        assertThat(parse("-d", "-v", "-t", "30", "-f", "x.conf", "-p", "run/x.pid", "--root", "sb", "--backend", "sim")
                .childArguments()).containsExactly("--daemon", "--verbose", "--timeout=30", "--config=" + cwd + "/x.conf",
                "--pid-file=" + cwd + "/run/x.pid", "--root=" + cwd + "/sb", "--backend=sim");
        assertThat(parse("-d").childArguments()).containsExactly("--daemon", "--timeout=0", "--root=/", "--backend=auto");
        // and the child reads them back to the same options
        CommandLine again = parse(parse("-d", "-t", "5", "--root", "sb").childArguments().toArray(String[]::new));
        assertThat(again.timeoutSeconds()).isEqualTo(5);
        assertThat(again.root()).isEqualTo(Path.of(cwd, "sb"));
        assertThat(again.daemon()).isTrue();
    }

    @Test
    void onlyARootOtherThanSlashIsASandbox() {
        assertThat(parse().sandboxed()).isFalse();
        assertThat(parse("--root", "/").sandboxed()).isFalse();
        assertThat(parse("--root", "/tmp/x").sandboxed()).isTrue();
    }
}
