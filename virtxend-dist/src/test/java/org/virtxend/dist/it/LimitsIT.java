package org.virtxend.dist.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server limits enforced and changed live, judged by the real virsh and virt-admin: worker
 * pools (a save into a named pipe nobody reads is a real slow call: it blocks in file I/O on
 * a normal worker), anonymous clients, listen backlogs, and SIGHUP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LimitsIT {
    private static final String[] CONFIG = {
            "min_workers = 1", "max_workers = 2", "prio_workers = 1",
            "auth_unix_ro = \"polkit\"", "max_anonymous_clients = 2",
            "max_queued_clients = 9", "admin_max_queued_clients = 4"};

    @TempDir
    static Path root;
    private DaemonProcess daemon;
    private Virsh virsh;
    private final List<Path> fifos = new ArrayList<>();
    private int domains;

    @BeforeAll
    void startDaemon() throws Exception {
        Tools.requireVirsh();
        daemon = new DaemonProcess(root).config(CONFIG).start();
        virsh = Virsh.rw(daemon);
    }

    @AfterAll
    void stopDaemon() throws Exception {
        if (daemon != null) {
            assertThat(daemon.stop()).as(daemon.log()).isZero();
        }
    }

    /** A test that failed half-way must not leave a worker blocked for the next one. */
    @AfterEach
    void unblockEverySave() {
        for (Path f : fifos) {
            drainInBackground(f);
        }
        fifos.clear();
    }

    private Cmd admin(String... args) {
        List<String> argv = new ArrayList<>(List.of("virt-admin", "-c", "virtxend:///system?socket=" + daemon.adminSocket()));
        argv.addAll(List.of(args));
        return Cmd.run(argv);
    }

    private long param(String command, String server, String name) {
        String out = admin(command, server).ok().out();
        Matcher m = Pattern.compile("(?m)^" + name + "\\s*:\\s*(\\d+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Long.parseLong(m.group(1));
    }

    private long pool(String name) {
        return param("srv-threadpool-info", "virtxend", name);
    }

    private String runningDomain() throws IOException {
        String name = "lim" + (++domains);
        Path xml = root.resolve(name + ".xml");
        Files.writeString(xml, """
                <domain type='xen'>
                  <name>%s</name>
                  <memory unit='KiB'>65536</memory>
                  <vcpu>1</vcpu>
                  <os><type>linux</type></os>
                </domain>
                """.formatted(name));
        virsh.ok("define", xml.toString());
        virsh.ok("start", name);
        return name;
    }

    private Path fifo(String name) {
        Path f = root.resolve(name + ".fifo");
        Cmd.run(List.of("mkfifo", f.toString())).ok();
        fifos.add(f);
        return f;
    }

    /** virsh save into a pipe: the daemon's write waits until someone reads the pipe. */
    private static CompletableFuture<Cmd> slowSave(Virsh v, String domain, Path fifo) {
        return CompletableFuture.supplyAsync(() -> v.run("save", domain, fifo.toString()),
                r -> Thread.ofPlatform().daemon().start(r));
    }

    /** Reads the whole pipe (once the daemon has written and closed it); opening it unblocks the writer. */
    private static CompletableFuture<String> drainInBackground(Path fifo) {
        return CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "unreadable: " + e;
            }
        }, r -> Thread.ofPlatform().daemon().start(r));
    }

    /**
     * A virsh call that must succeed while the normal workers are blocked. Bounded here: a call
     * stuck behind them would otherwise hang the test instead of failing it.
     */
    private String answers(String... args) throws Exception {
        var call = CompletableFuture.supplyAsync(() -> virsh.run(args), r -> Thread.ofPlatform().daemon().start(r));
        Cmd done;
        try {
            done = call.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("virsh " + String.join(" ", args) + " got no answer in 60 s while every normal"
                    + " worker was blocked; pool: " + admin("srv-threadpool-info", "virtxend").out());
        }
        return done.ok().out();
    }

    private void resetPool() {
        admin("srv-threadpool-set", "virtxend", "--min-workers", "1", "--max-workers", "2", "--priority-workers", "1").ok();
        VirshIT.waitFor(() -> pool("nWorkers") <= 2 && pool("jobQueueDepth") == 0);
    }

    @Test
    void highPriorityCallsAnswerWhileEveryNormalWorkerIsBlocked() throws Exception {
        resetPool();
        String a = runningDomain();
        String b = runningDomain();
        String c = runningDomain();
        String victim = runningDomain();
        Path fa = fifo("a");
        Path fb = fifo("b");
        Path fc = fifo("c");

        var saveA = slowSave(virsh, a, fa);
        var saveB = slowSave(virsh, b, fb);
        VirshIT.waitFor(() -> pool("nWorkers") == 2 && pool("freeWorkers") == 0);
        var saveC = slowSave(virsh, c, fc);
        VirshIT.waitFor(() -> pool("jobQueueDepth") == 1); // no normal worker is left for it

        // destroy is a high-priority call: a priority worker runs it; in-memory calls need no worker
        answers("destroy", victim);
        assertThat(answers("domstate", victim)).contains("shut off");
        assertThat(answers("list", "--all")).contains(a).contains(victim);
        assertThat(answers("uri")).contains("xen:///system");
        assertThat(pool("jobQueueDepth")).isEqualTo(1);
        assertThat(saveA).isNotDone();
        assertThat(saveC).isNotDone();

        var imageA = drainInBackground(fa);
        var imageB = drainInBackground(fb);
        var imageC = drainInBackground(fc);
        for (var save : List.of(saveA, saveB, saveC)) {
            Cmd done = save.get(60, TimeUnit.SECONDS);
            assertThat(done.exit()).as(done.toString()).isZero();
            assertThat(done.out()).contains("saved to");
        }
        assertThat(imageA.get(60, TimeUnit.SECONDS)).contains("<name>" + a + "</name>");
        assertThat(imageB.get(60, TimeUnit.SECONDS)).contains("<name>" + b + "</name>");
        assertThat(imageC.get(60, TimeUnit.SECONDS)).contains("<name>" + c + "</name>");
        fifos.clear();
        assertThat(virsh.ok("domstate", c)).contains("shut off");
        VirshIT.waitFor(() -> pool("jobQueueDepth") == 0 && pool("freeWorkers") == pool("nWorkers"));
    }

    @Test
    void threadpoolSetChangesWhatIsEnforcedAtOnce() throws Exception {
        resetPool();
        admin("srv-threadpool-set", "virtxend", "--max-workers", "1").ok();
        VirshIT.waitFor(() -> pool("maxWorkers") == 1 && pool("nWorkers") == 1);
        String a = runningDomain();
        String b = runningDomain();
        Path fa = fifo("one");
        Path fb = fifo("two");
        var saveA = slowSave(virsh, a, fa);
        VirshIT.waitFor(() -> pool("freeWorkers") == 0);
        var saveB = slowSave(virsh, b, fb);
        VirshIT.waitFor(() -> pool("jobQueueDepth") == 1);
        assertThat(pool("nWorkers")).isEqualTo(1);

        // a larger pool starts a worker for the queued call at once
        admin("srv-threadpool-set", "virtxend", "--max-workers", "2").ok();
        VirshIT.waitFor(() -> pool("jobQueueDepth") == 0 && pool("nWorkers") == 2 && pool("freeWorkers") == 0);

        drainInBackground(fa);
        drainInBackground(fb);
        fifos.clear();
        assertThat(saveA.get(60, TimeUnit.SECONDS).exit()).isZero();
        assertThat(saveB.get(60, TimeUnit.SECONDS).exit()).isZero();

        // and a smaller one lets the idle workers go
        admin("srv-threadpool-set", "virtxend", "--min-workers", "0", "--max-workers", "1", "--priority-workers", "0").ok();
        VirshIT.waitFor(() -> pool("nWorkers") == 1 && pool("prioWorkers") == 0);
        resetPool();
        assertThat(pool("prioWorkers")).isEqualTo(1);
    }

    @Test
    void anonymousClientsAreCountedLimitedAndTunedLive() throws Exception {
        List<SocketChannel> silent = new ArrayList<>();
        try {
            silent.add(Sockets.hold(daemon.roSocket()));
            silent.add(Sockets.hold(daemon.roSocket()));
            VirshIT.waitFor(() -> param("srv-clients-info", "virtxend", "nclients_unauth") == 2);
            assertThat(param("srv-clients-info", "virtxend", "nclients_unauth_max")).isEqualTo(2);

            // a third client of the authenticating socket is refused, and the refusal logged
            Virsh ro = Virsh.ro(daemon);
            Cmd refused = ro.run("list");
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
            VirshIT.waitFor(() -> daemon.log().contains("too many clients waiting for authentication (max 2)"));
            // the rw socket (auth none) is not affected, nor are the clients already there
            virsh.ok("list");
            assertThat(param("srv-clients-info", "virtxend", "nclients_unauth")).isEqualTo(2);
            assertThat(silent).allMatch(SocketChannel::isConnected);

            admin("srv-clients-set", "virtxend", "--max-unauth-clients", "3").ok();
            assertThat(ro.ok("list")).contains("Id");
            // having asked for the auth list, virsh counted as authenticated
            assertThat(param("srv-clients-info", "virtxend", "nclients_unauth")).isEqualTo(2);
        } finally {
            for (SocketChannel ch : silent) {
                ch.close();
            }
            admin("srv-clients-set", "virtxend", "--max-unauth-clients", "2");
        }
        VirshIT.waitFor(() -> param("srv-clients-info", "virtxend", "nclients_unauth") == 0);
    }

    /** The listen() backlog a listening UNIX socket has now, as the kernel reports it. */
    private static long backlog(Path socket) {
        String out = Cmd.run(List.of("ss", "-xlnH", "src", socket.toString())).ok().out().trim();
        String[] f = out.split("\\s+");
        assertThat(f.length).as(out).isGreaterThan(3);
        return Long.parseLong(f[3]);
    }

    @Test
    void sighupAppliesWorkersAnonymousLimitAndBacklogsAtOnce() throws Exception {
        resetPool();
        assertThat(backlog(daemon.rwSocket())).isEqualTo(9);
        assertThat(backlog(daemon.adminSocket())).isEqualTo(4);
        try {
            daemon.config("min_workers = 3", "max_workers = 6", "prio_workers = 2", "auth_unix_ro = \"polkit\"",
                    "max_anonymous_clients = 7", "max_queued_clients = 12", "admin_min_workers = 1",
                    "admin_max_workers = 3", "admin_max_queued_clients = 5");
            daemon.signal("HUP");
            VirshIT.waitFor(() -> pool("maxWorkers") == 6);
            VirshIT.waitFor(() -> pool("nWorkers") == 3 && pool("prioWorkers") == 2);
            assertThat(pool("minWorkers")).isEqualTo(3);
            assertThat(param("srv-threadpool-info", "admin", "maxWorkers")).isEqualTo(3);
            assertThat(param("srv-threadpool-info", "admin", "minWorkers")).isEqualTo(1);
            assertThat(param("srv-clients-info", "virtxend", "nclients_unauth_max")).isEqualTo(7);
            assertThat(backlog(daemon.rwSocket())).isEqualTo(12);
            assertThat(backlog(daemon.roSocket())).isEqualTo(12);
            assertThat(backlog(daemon.adminSocket())).isEqualTo(5);
            virsh.ok("list");
        } finally {
            daemon.config(CONFIG);
            daemon.signal("HUP");
            VirshIT.waitFor(() -> pool("maxWorkers") == 2 && backlog(daemon.rwSocket()) == 9);
        }
    }

    @Test
    void sighupForSomethingElseKeepsWhatVirtAdminSet() throws Exception {
        resetPool();
        admin("srv-threadpool-set", "virtxend", "--max-workers", "5").ok();
        List<String> other = new ArrayList<>(List.of(CONFIG));
        other.add("max_clients = 4999");
        try {
            daemon.config(other.toArray(String[]::new));
            daemon.signal("HUP");
            VirshIT.waitFor(() -> param("srv-clients-info", "virtxend", "nclients_max") == 4999);
            assertThat(pool("maxWorkers")).isEqualTo(5);
        } finally {
            daemon.config(CONFIG);
            daemon.signal("HUP");
            VirshIT.waitFor(() -> param("srv-clients-info", "virtxend", "nclients_max") == 5000);
            resetPool();
        }
    }
}
