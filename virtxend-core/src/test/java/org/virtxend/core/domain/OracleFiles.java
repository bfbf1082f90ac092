package org.virtxend.core.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads the copied libvirt oracle files from the test classpath. */
final class OracleFiles {
    private OracleFiles() {
    }

    /** The .xml files of {@code domain/<folder>}, sorted by name. */
    static List<Path> list(String folder) {
        URL url = OracleFiles.class.getResource("/domain/" + folder);
        if (url == null) {
            throw new IllegalStateException("missing test resource folder domain/" + folder);
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(String resource) {
        try (var in = OracleFiles.class.getResourceAsStream("/domain/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource domain/" + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
