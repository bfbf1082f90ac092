package org.virtxend.core.driver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;
import org.virtxend.core.store.AtomicFiles;

/**
 * Persistent domain configuration as libvirt's libxl driver keeps it:
 * {@code <configDir>/NAME.xml}, and a symlink in {@code <configDir>/autostart/}
 * for each domain that starts with the host. Shared by the simulated and the libxl driver.
 */
public final class DomainConfigStore {
    private static final System.Logger LOG = System.getLogger(DomainConfigStore.class.getName());

    private final Path configDir;
    private final Path autostartDir;

    public DomainConfigStore(Path configDir) {
        this.configDir = configDir;
        this.autostartDir = configDir.resolve("autostart");
    }

    public void save(String name, String xml) {
        try {
            AtomicFiles.write(file(name), xml);
        } catch (IOException e) {
            throw failed("cannot save configuration of domain '" + name + "'", e);
        }
    }

    public void delete(String name) {
        try {
            setAutostart(name, false);
            Files.deleteIfExists(file(name));
            AtomicFiles.syncDirectory(configDir);
        } catch (IOException e) {
            throw failed("cannot remove configuration of domain '" + name + "'", e);
        }
    }

    public void setAutostart(String name, boolean on) {
        Path link = autostartDir.resolve(name + ".xml");
        try {
            if (on) {
                Files.createDirectories(autostartDir);
                if (!Files.isSymbolicLink(link)) {
                    Files.createSymbolicLink(link, file(name));
                }
            } else {
                Files.deleteIfExists(link);
            }
        } catch (IOException e) {
            throw failed("cannot change autostart link " + link, e);
        }
    }

    public boolean autostart(String name) {
        return Files.isSymbolicLink(autostartDir.resolve(name + ".xml"));
    }

    /** Every saved definition as text with the file it came from. */
    public List<Saved> loadAll() throws IOException {
        var out = new ArrayList<Saved>();
        if (!Files.isDirectory(configDir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(configDir, "*.xml")) {
            for (Path f : files) {
                try {
                    out.add(new Saved(f, Files.readString(f, StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    // one unreadable file (bad encoding, permissions) must not keep the others from loading
                    LOG.log(System.Logger.Level.ERROR, "ignoring unreadable domain config " + f + ": " + e);
                }
            }
        }
        return out;
    }

    private Path file(String name) {
        return configDir.resolve(name + ".xml");
    }

    private static VirtException failed(String what, IOException e) {
        LOG.log(System.Logger.Level.ERROR, what, e);
        return new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.LIBXL, what + ": " + e.getMessage());
    }

    public record Saved(Path file, String xml) {
    }
}
