package org.virtxend.core.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.virtxend.core.store.AtomicFiles;

/**
 * Live status of running domains, {@code <stateDir>/NAME.xml}: the live
 * definition wrapped in a {@code <domstatus>} element carrying state and
 * reason, so that a restarted daemon finds its running guests again.
 */
final class DomainStatusStore {
    private static final System.Logger LOG = System.getLogger(DomainStatusStore.class.getName());

    private final Path stateDir;

    DomainStatusStore(Path stateDir) {
        this.stateDir = stateDir;
    }

    void save(String name, int id, int state, int reason, String liveXml) {
        String doc = "<domstatus id='" + id + "' state='" + state + "' reason='" + reason + "'>\n" + liveXml.stripTrailing()
                + "\n</domstatus>\n";
        try {
            AtomicFiles.write(stateDir.resolve(name + ".xml"), doc);
        } catch (IOException e) {
            // the guest runs either way; only a daemon restart would lose track of it
            LOG.log(System.Logger.Level.ERROR, "cannot save status of domain " + name, e);
        }
    }

    void delete(String name) {
        try {
            Files.deleteIfExists(stateDir.resolve(name + ".xml"));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot remove status of domain " + name, e);
        }
    }

    List<Status> loadAll() throws IOException {
        var out = new ArrayList<Status>();
        if (!Files.isDirectory(stateDir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(stateDir, "*.xml")) {
            for (Path f : files) {
                String doc;
                try {
                    doc = Files.readString(f, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.ERROR, "ignoring unreadable status file " + f + ": " + e);
                    continue;
                }
                Status s = Status.parse(f, doc);
                if (s == null) {
                    LOG.log(System.Logger.Level.WARNING, "ignoring unreadable status file " + f);
                } else {
                    out.add(s);
                }
            }
        }
        return out;
    }

    record Status(Path file, int id, int state, int reason, String liveXml) {
        static Status parse(Path file, String doc) {
            var m = java.util.regex.Pattern.compile("^<domstatus id='(\\d+)' state='(\\d+)' reason='(\\d+)'>\\n(.*)\\n</domstatus>\\s*$",
                    java.util.regex.Pattern.DOTALL).matcher(doc);
            if (!m.matches()) {
                return null;
            }
            return new Status(file, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    m.group(4));
        }
    }
}
