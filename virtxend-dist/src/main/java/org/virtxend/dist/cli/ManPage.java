package org.virtxend.dist.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.virtxend.dist.config.DaemonPaths;

/**
 * virtxend(8), written as roff at build time from {@link OptionTable} (the options) and
 * {@link DaemonPaths} (the files), the sources {@code --help} uses too, so page and usage cannot
 * disagree. The build runs {@link #main} during {@code package}.
 */
public final class ManPage {
    private ManPage() {
    }

    /** {@code ManPage OUTPUT VERSION}: writes the page for package version VERSION. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ManPage OUTPUT-FILE VERSION");
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, render(args[1]));
    }

    static String render(String version) {
        DaemonPaths p = DaemonPaths.under(Path.of("/"));
        Roff r = new Roff();
        // no date: the same sources give the same page
        r.macro("TH", "VIRTXEND", "8", "", "virtxend " + version, "System Administration");
        r.section("NAME");
        r.raw("virtxend \\- Xen management daemon speaking libvirt's protocol");

        r.section("SYNOPSIS");
        r.raw(".B virtxend");
        for (OptionSpec o : OptionTable.OPTIONS) {
            r.raw("[" + optionNames(o).replace("\\fR, ", "\\fR|") + "]");
        }

        r.section("DESCRIPTION");
        r.text("virtxend manages Xen guests for libvirt's clients. It listens on local UNIX sockets and"
                + " answers libvirt's remote procedure calls, so the unmodified virsh, virt-admin, Python"
                + " bindings and other libvirt clients work against it as they do against libvirtd with its"
                + " Xen driver, using xen:///system URIs.");
        r.paragraph();
        r.text("Three sockets are served: a read-write one for full control (mode 0600, root only), a"
                + " read-only one that every local user may use, and an administration socket for virt-admin."
                + " Guests keep running when the daemon stops or restarts; the next start finds them again."
                + " On a host without Xen, or with --backend sim, a simulated Xen host stands in for the"
                + " hypervisor.");
        r.paragraph();
        r.text("Started by systemd, the daemon takes its sockets from socket activation and reports"
                + " readiness once clients are served. Run by hand, it stays in the foreground unless"
                + " --daemon is given. Every option can be abbreviated as long as it stays unambiguous.");

        r.section("OPTIONS");
        for (OptionSpec o : OptionTable.OPTIONS) {
            r.macro("TP");
            r.raw(optionNames(o));
            r.text(o.details());
        }

        r.section("SIGNALS");
        r.item("SIGHUP", "Reload: domain definitions are read again from " + p.domainConfigDir()
                + ", and the settings of virtxend.conf and libxl.conf that can change live (logging, client"
                + " limits, keepalive) take effect; other changes are logged as waiting for a restart. A"
                + " configuration that does not load is refused as a whole and the old one stays.");
        r.item("SIGTERM, SIGINT, SIGQUIT", "Stop cleanly: no new clients or calls are accepted, calls in"
                + " progress get a few seconds to finish, then the sockets and the PID file are removed and"
                + " the daemon exits with status 0. Guests are not touched.");

        r.section("FILES");
        r.file(p.configFile(), "Daemon settings: sockets, client limits, logging, keepalive.");
        r.file(p.libxlConfigFile(), "Settings of the Xen driver.");
        r.file(p.domainConfigDir(), "Persistent domain definitions, one XML file per guest; autostart links"
                + " live in " + p.autostartDir() + ".");
        r.file(p.rwSocket(), "Read-write socket.");
        r.file(p.roSocket(), "Read-only socket.");
        r.file(p.adminSocket(), "Administration socket (virt-admin).");
        r.file(p.pidFile(), "PID file, locked while the daemon runs.");
        r.file(p.stateDir(), "State of running guests; kept across daemon restarts.");
        r.file(p.libDir(), "Saved guest images and other persistent driver data.");
        r.file(p.daemonLogFile(), "Daemon log when detached and journald is not available.");

        r.section("EXIT STATUS");
        r.text("0 after --help, --version, a clean stop or an idle timeout. A failed start exits with"
                + " libvirt's status codes:");
        r.item("1", "bad options, an unreadable or invalid configuration, or a PID file held by another daemon");
        r.item("2", "the run directory cannot be created");
        r.item("6", "the sockets cannot be set up (bad mode or group, in use by another daemon, unclaimed"
                + " socket activation)");
        r.item("10", "the audit system cannot be initialised");
        r.item("11", "the hypervisor driver cannot start (for example, another daemon holds its lock)");

        r.section("SEE ALSO");
        r.raw(".BR virsh (1),");
        r.raw(".BR virt\\-admin (1),");
        r.raw(".BR libvirtd (8),");
        r.raw(".BR xl (1),");
        r.raw(".BR systemd.socket (5)");
        return r.toString();
    }

    /** {@code \fB\-t\fR, \fB\-\-timeout\fR \fIsecs\fR}. */
    static String optionNames(OptionSpec o) {
        String names = (o.hasShortName() ? "\\fB\\-" + o.shortName() + "\\fR, " : "")
                + "\\fB\\-\\-" + Roff.escape(o.longName()) + "\\fR";
        return o.takesArgument() ? names + " \\fI" + Roff.escape(o.argument()) + "\\fR" : names;
    }

    /** Just enough roff for a man page: escaped prose, macros, tagged paragraphs. */
    private static final class Roff {
        private final StringBuilder out = new StringBuilder();

        /** Backslashes and dashes escaped; a leading dot or quote would read as a request. */
        static String escape(String text) {
            String s = text.replace("\\", "\\e").replace("-", "\\-");
            return s.startsWith(".") || s.startsWith("'") ? "\\&" + s : s;
        }

        void macro(String name, String... args) {
            out.append('.').append(name);
            for (String a : args) {
                out.append(" \"").append(escape(a).replace("\"", "\\(dq")).append('"');
            }
            out.append('\n');
        }

        void raw(String line) {
            out.append(line).append('\n');
        }

        void text(String prose) {
            raw(escape(prose));
        }

        void section(String title) {
            raw(".SH " + title);
        }

        void paragraph() {
            raw(".PP");
        }

        void item(String tag, String prose) {
            raw(".TP");
            raw("\\fB" + escape(tag) + "\\fR");
            text(prose);
        }

        void file(Path path, String prose) {
            raw(".TP");
            raw("\\fI" + escape(path.toString()) + "\\fR");
            text(prose);
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
