package org.virtxend.dist.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.VirtException;

class PidFileTest {
    @TempDir
    Path dir;

    @Test
    void writesThePidWithoutNewlineAsMode0644() throws Exception {
        Path path = dir.resolve("virtxend.pid");
        try (PidFile pid = PidFile.acquire(path)) {
            assertThat(pid.path()).isEqualTo(path);
            assertThat(Files.readString(path)).isEqualTo(Long.toString(ProcessHandle.current().pid()));
            // the creation mode is 0644, less whatever the umask removes (never adds)
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).matches("rw-[r-]-{2}[r-]--");
        }
        assertThat(path).doesNotExist();
    }

    @Test
    void overwritesAStaleFile() throws Exception {
        Path path = dir.resolve("virtxend.pid");
        Files.writeString(path, "123456789012\n");
        try (PidFile ignored = PidFile.acquire(path, 42)) {
            assertThat(Files.readString(path)).isEqualTo("42");
        }
    }

    @Test
    void aSecondClaimInTheSameProcessFailsAndLeavesTheFirstIntact() throws Exception {
        Path path = dir.resolve("virtxend.pid");
        try (PidFile first = PidFile.acquire(path, 7)) {
            assertThatThrownBy(() -> PidFile.acquire(path, 8))
                    .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SYSTEM_ERROR))
                    .hasMessage("Failed to acquire pid file '" + path + "': Resource temporarily unavailable");
            // the failed attempt must not have dropped our POSIX lock
            assertThat(lockedByAnotherProcess(path)).isTrue();
            // (checked before reading: closing any descriptor of the file drops the process's lock)
            assertThat(Files.readString(path)).isEqualTo("7");
        }
        try (PidFile again = PidFile.acquire(path, 9)) {
            assertThat(Files.readString(path)).isEqualTo("9");
        }
    }

    @Test
    void aLockHeldByAnotherProcessIsRefused() throws Exception {
        Path path = dir.resolve("virtxend.pid");
        Process holder = new ProcessBuilder("python3", "-c", """
                import fcntl, sys
                f = open(sys.argv[1], 'w')
                fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 0)
                print('locked', flush=True)
                sys.stdin.read()
                """, path.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");
            assertThatThrownBy(() -> PidFile.acquire(path))
                    .hasMessage("Failed to acquire pid file '" + path + "': Resource temporarily unavailable");
        } finally {
            holder.getOutputStream().close();
            assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        try (PidFile ours = PidFile.acquire(path)) {
            assertThat(lockedByAnotherProcess(path)).isTrue();
        }
    }

    @Test
    void unopenableFileIsReported() {
        Path path = dir.resolve("missing-dir/virtxend.pid");
        assertThatThrownBy(() -> PidFile.acquire(path))
                .hasMessage("Failed to open pid file '" + path + "': No such file or directory");
    }

    @Test
    void releaseIsIdempotent() {
        PidFile pid = PidFile.acquire(dir.resolve("p"));
        pid.release();
        pid.release();
        assertThat(dir.resolve("p")).doesNotExist();
    }

    /** Asks a child process whether it could take the lock on byte 0 right now. */
    private static boolean lockedByAnotherProcess(Path path) throws Exception {
        Process probe = new ProcessBuilder("python3", "-c", """
                import fcntl, sys
                f = open(sys.argv[1], 'r+')
                try:
                    fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 0)
                    print('free')
                except OSError:
                    print('held')
                """, path.toString()).redirectErrorStream(true).start();
        String answer = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        probe.waitFor(10, TimeUnit.SECONDS);
        return answer.equals("held");
    }
}
