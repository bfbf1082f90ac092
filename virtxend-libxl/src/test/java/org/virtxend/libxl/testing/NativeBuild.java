package org.virtxend.libxl.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Compiles the test C sources (src/test/c) with gcc against the installed
 * libxl.h into target/native, once per JVM and only when the source is newer.
 */
public final class NativeBuild {
    private static final Path SOURCES = Path.of("src/test/c");
    private static final Path OUT = Path.of("target/native");

    private NativeBuild() {
    }

    /** The C double of libxenlight as a shared library. */
    public static Path libxlDouble() {
        return libxlDouble(SOURCES, OUT);
    }

    /** The C double built from {@code sources} into {@code outDir} (for other modules' tests). */
    public static synchronized Path libxlDouble(Path sources, Path outDir) {
        return compile(sources, outDir, "libxl_double.c", "libxenlight-double.so",
                List.of("-shared", "-fPIC", "-fvisibility=hidden", "-O2"), List.of("-lpthread"));
    }

    /** The layout printer, as an executable. */
    public static synchronized Path layoutCheck() {
        return compile(SOURCES, OUT, "layout_check.c", "layout_check", List.of(), List.of());
    }

    private static Path compile(Path sources, Path outDir, String source, String output, List<String> flags,
                                List<String> libs) {
        try {
            Path src = sources.resolve(source).toAbsolutePath();
            Path out = outDir.resolve(output).toAbsolutePath();
            Files.createDirectories(outDir);
            if (Files.exists(out) && Files.getLastModifiedTime(out).compareTo(Files.getLastModifiedTime(src)) > 0) {
                return out;
            }
            Path tmp = outDir.resolve(output + ".tmp").toAbsolutePath();
            var cmd = new ArrayList<String>(List.of("gcc", "-Wall", "-Wextra", "-Werror"));
            cmd.addAll(flags);
            cmd.addAll(List.of("-o", tmp.toString(), src.toString()));
            cmd.addAll(libs);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("gcc failed for " + source + ":\n" + log);
            }
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot build " + source, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
