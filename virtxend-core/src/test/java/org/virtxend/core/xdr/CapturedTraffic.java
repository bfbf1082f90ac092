package org.virtxend.core.xdr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Real libvirt 9.0 traffic captured by a logging proxy (../shared/protocol/raw/*.jsonl):
 * each connection's byte stream per direction, cut into whole frames.
 */
public final class CapturedTraffic {
    private static final Pattern LINE = Pattern.compile(
            "\"conn\": (\\d+), \"dir\": \"(C2S|S2C)\", \"hex\": \"([0-9a-f]*)\"");

    public record Frame(String trace, String dir, byte[] bytes) {
        public int word(int index) {
            int o = index * 4;
            return ((bytes[o] & 0xff) << 24) | ((bytes[o + 1] & 0xff) << 16) | ((bytes[o + 2] & 0xff) << 8) | (bytes[o + 3] & 0xff);
        }
    }

    private CapturedTraffic() {
    }

    public static Path dir() {
        try {
            return Path.of(CapturedTraffic.class.getResource("/golden").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Frame> frames(Path jsonl) {
        Map<String, ByteArrayOutputStream> streams = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(jsonl)) {
                var m = LINE.matcher(line);
                if (m.find()) {
                    streams.computeIfAbsent(m.group(1) + "/" + m.group(2), k -> new ByteArrayOutputStream())
                            .writeBytes(HexFormat.of().parseHex(m.group(3)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var out = new ArrayList<Frame>();
        String trace = jsonl.getFileName().toString();
        streams.forEach((key, stream) -> {
            byte[] all = stream.toByteArray();
            int pos = 0;
            while (pos + 4 <= all.length) {
                int len = ((all[pos] & 0xff) << 24) | ((all[pos + 1] & 0xff) << 16) | ((all[pos + 2] & 0xff) << 8) | (all[pos + 3] & 0xff);
                if (len < 28 || pos + len > all.length) {
                    break; // a connection cut mid-frame, or a hand-made bad frame
                }
                byte[] f = new byte[len];
                System.arraycopy(all, pos, f, 0, len);
                out.add(new Frame(trace, key.substring(key.indexOf('/') + 1), f));
                pos += len;
            }
        });
        return out;
    }

    public static List<Path> traces() {
        try (var s = Files.list(dir())) {
            return s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
