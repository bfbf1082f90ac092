package org.virtxend.dist;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.virtxend.core.admin.AdminBackend;
import org.virtxend.core.admin.AdminProgram;
import org.virtxend.core.driver.HypervisorDriver;
import org.virtxend.core.error.VirtException;
import org.virtxend.core.event.EventBus;
import org.virtxend.core.event.OverflowPolicy;
import org.virtxend.core.pool.WorkerPool;
import org.virtxend.core.remote.RemoteOptions;
import org.virtxend.core.remote.RemoteProgram;
import org.virtxend.core.rpc.Dispatcher;
import org.virtxend.core.sim.SimDriverConfig;
import org.virtxend.libxl.config.LibxlNativeFormats;
import org.virtxend.core.sim.SimHost;
import org.virtxend.core.sim.SimulatedDriver;
import org.virtxend.dist.cli.Backend;
import org.virtxend.dist.cli.PidFile;
import org.virtxend.dist.config.AuthScheme;
import org.virtxend.dist.config.DaemonConfig;
import org.virtxend.dist.config.DaemonPaths;
import org.virtxend.dist.config.ServerLimits;
import org.virtxend.core.event.EventObserver;
import org.virtxend.core.rpc.RpcObserver;
import org.virtxend.core.rpc.WorkerPoolStats;
import org.virtxend.dist.config.EventSettings;
import org.virtxend.dist.metrics.DaemonMetrics;
import org.virtxend.dist.metrics.DomainMetrics;
import org.virtxend.dist.metrics.MetricsEndpoint;
import org.virtxend.libxl.XenHostProbe;
import org.virtxend.libxl.config.LibxlJsonConfig;
import org.virtxend.libxl.driver.LibxlDriver;
import org.virtxend.libxl.driver.LibxlDriverConfig;
import org.virtxend.libxl.ffm.Libxl;
import org.virtxend.transport.ClientLimits;
import org.virtxend.transport.SocketActivation;
import org.virtxend.transport.SocketRole;
import org.virtxend.transport.TransportConfig;
import org.virtxend.transport.UnixSocketServer;

/**
 * The running daemon's parts, brought up in libvirt's order: sockets bound (clients queue in
 * the backlog), then the driver, then clients accepted. Binding first means a second daemon
 * pointed at the same sockets is refused before it touches any driver state.
 */
final class Daemon implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Daemon.class.getName());

    private final DaemonPaths paths;
    private final DaemonMetrics metrics = new DaemonMetrics();
    /** What the core reports to: the meters, or nobody when metrics are switched off (metrics_listen = ""). */
    private final RpcObserver rpcObserver;
    private final EventBus events;
    private final SwitchableDispatcher remote = new SwitchableDispatcher();
    private final SwitchableDispatcher admin = new SwitchableDispatcher();
    private final UnixSocketServer server;
    /** The "virtxend" server's workers for blocking driver work, and the "admin" server's. */
    private final WorkerPool mainPool;
    private final WorkerPool adminPool;
    private PidFile driverLock;
    private HypervisorDriver driver;
    private MetricsEndpoint metricsEndpoint;

    private Daemon(DaemonConfig config, DaemonPaths paths, TransportConfig transport) {
        this.paths = paths;
        var ev = config.events();
        boolean metricsOn = !ev.metricsListen().isEmpty();
        this.rpcObserver = metricsOn ? metrics : RpcObserver.NONE;
        this.events = new EventBus((int) ev.bufferSize(),
                ev.disconnectSlowSubscribers() ? OverflowPolicy.DISCONNECT : OverflowPolicy.DROP,
                metricsOn ? metrics : EventObserver.NONE);
        this.server = UnixSocketServer.create(transport, remote, admin);
        this.mainPool = pool("virtxend", config.server());
        this.adminPool = pool("admin", config.admin());
        Set<SocketRole> authenticating = EnumSet.noneOf(SocketRole.class);
        if (config.sockets().authRw() != AuthScheme.NONE) {
            authenticating.add(SocketRole.RW);
        }
        if (config.sockets().authRo() != AuthScheme.NONE) {
            authenticating.add(SocketRole.RO);
        }
        server.requireAuthentication(authenticating);
        // the transport's own config carries no anonymous-client limit: set the full limits here
        server.updateLimits(mainLimits(config.server()), adminLimits(config.admin()));
    }

    /** libvirt lowers a minimum above the maximum to the maximum rather than refusing it. */
    private static WorkerPool pool(String name, ServerLimits l) {
        long max = Math.min(l.maxWorkers(), Integer.MAX_VALUE);
        return new WorkerPool(name, Math.min(Math.min(l.minWorkers(), max), WorkerPool.MAX_THREADS), max,
                Math.min(l.prioWorkers(), WorkerPool.MAX_THREADS));
    }

    /** Creates (or adopts from systemd) the three sockets; no client is served yet. */
    static Daemon bind(DaemonConfig config, DaemonPaths paths) throws StartupFailure {
        TransportConfig transport;
        try {
            transport = transportConfig(config, paths);
        } catch (VirtException | IllegalArgumentException e) {
            throw new StartupFailure(StartupStatus.NETWORK, e.getMessage(), e);
        }
        var daemon = new Daemon(config, paths, transport);
        try {
            daemon.server.bind();
        } catch (IOException | RuntimeException e) {
            daemon.events.close();
            daemon.mainPool.close();
            daemon.adminPool.close();
            throw new StartupFailure(StartupStatus.NETWORK, e.getMessage(), e);
        }
        return daemon;
    }

    /**
     * Takes the driver's lock ({@code run/libvirt/libxl/driver.pid}: one driver per state
     * directory, whatever the sockets), then starts the driver: reattaching to running guests,
     * autostart once per host boot.
     */
    void startDriver(Backend backend, DaemonConfig config, UUID hostUuid) throws StartupFailure {
        BackendChoice.Chosen chosen;
        try {
            chosen = backend == Backend.SIM ? BackendChoice.Chosen.SIM
                    : BackendChoice.choose(backend, XenHostProbe.probe(paths.reroot(XenHostProbe.CAPABILITIES)));
        } catch (VirtException e) {
            throw new StartupFailure(StartupStatus.DRIVER, e.getMessage(), e);
        }
        try {
            Files.createDirectories(paths.stateDir());
            driverLock = PidFile.acquire(paths.driverPidFile());
        } catch (IOException | VirtException e) {
            throw new StartupFailure(StartupStatus.DRIVER, "cannot take the driver lock (is another virtxend using "
                    + paths.stateDir() + "?): " + e.getMessage(), e);
        }
        try {
            driver = chosen == BackendChoice.Chosen.LIBXL
                    ? LibxlDriver.start(new LibxlDriverConfig(paths.domainConfigDir(), paths.stateDir(),
                            (int) Math.max(1, config.server().maxWorkers())), events, Libxl.load(), LibxlJsonConfig::toJson,
                            new LibxlNativeFormats(), mainPool)
                    : SimulatedDriver.start(simConfig(config, hostUuid), events, mainPool, new LibxlNativeFormats());
        } catch (IOException | RuntimeException e) {
            throw new StartupFailure(StartupStatus.DRIVER, "Initialization of Xen state driver failed: " + e.getMessage(), e);
        }
        var limits = config.server();
        remote.set(new Dispatcher(List.of(RemoteProgram.bind(driver, new RemoteOptions(limits.keepaliveInterval() > 0),
                events)), rpcObserver)::dispatch);
    }

    /** Serves the ADMIN program (virt-admin) on the admin socket. */
    void serveAdmin(AdminBackend backend) {
        metrics.workerPools(() -> List.of(poolStats("virtxend", mainPool), poolStats("admin", adminPool)));
        admin.set(new Dispatcher(List.of(AdminProgram.bind(backend, adminPool)), rpcObserver)::dispatch);
    }

    private static WorkerPoolStats.Pool poolStats(String name, WorkerPool pool) {
        var p = pool.stats();
        long threads = p.nWorkers() + p.prioWorkers();
        return new WorkerPoolStats.Pool(name, threads, p.nWorkers() - p.freeWorkers(), p.jobQueueDepth());
    }

    UnixSocketServer server() {
        return server;
    }

    WorkerPool mainPool() {
        return mainPool;
    }

    WorkerPool adminPool() {
        return adminPool;
    }

    /** Starts the metrics endpoint (if configured) and accepts the clients waiting in the backlog. */
    void serve(DaemonConfig config) throws StartupFailure {
        metrics.gauge("virtxend.clients", "connected clients", server::clientCount);
        for (SocketRole role : SocketRole.values()) {
            metrics.gauge("virtxend.socket.clients", "connected clients by socket", "socket",
                    role.name().toLowerCase(java.util.Locale.ROOT), () -> server.clientCount(role));
        }
        metrics.counter("virtxend.keepalive.timeouts", "clients closed for not answering keepalive", server,
                UnixSocketServer::keepaliveTimeouts);
        if (driver != null) {
            metrics.registry().getPrometheusRegistry().register(new DomainMetrics(driver));
        }
        metrics.gauge("virtxend.event.subscriptions", "event registrations of all clients", events::subscriptionCount);
        metrics.gauge("virtxend.calls.in.flight", "calls received and not yet answered", server::callsInFlight);
        metrics.gauge("virtxend.limit.clients", "max_clients in effect", () -> server.mainLimits().maxClients());
        metrics.gauge("virtxend.limit.client.requests", "max_client_requests in effect",
                () -> server.mainLimits().maxClientRequests());
        String listen = config.events().metricsListen();
        if (!listen.isEmpty()) {
            metrics.bindJvmAndProcess();
            try {
                metricsEndpoint = MetricsEndpoint.start(listen, metrics);
            } catch (IOException | RuntimeException e) {
                if (listen.equals(EventSettings.DEFAULT_METRICS_LISTEN)) {
                    // the default address: another daemon on this host may hold it; run without metrics
                    LOG.log(Level.WARNING, "metrics not served: cannot listen on {0} (the default): {1}; set"
                            + " metrics_listen to another host:port, or \"\" to switch metrics off", listen, e.getMessage());
                    server.acceptClients();
                    return;
                }
                throw new StartupFailure(StartupStatus.NETWORK, "cannot serve metrics on " + listen + ": " + e.getMessage(), e);
            }
        }
        server.acceptClients();
    }

    HypervisorDriver driver() {
        return driver;
    }

    int clientCount() {
        return server.clientCount();
    }

    /** A guest other than Domain-0 is running (or paused): then an idle daemon must not exit. */
    boolean hasRunningGuests() {
        List<Integer> ids = driver.connectListDomains(Integer.MAX_VALUE).block();
        return ids != null && ids.stream().anyMatch(id -> id != 0);
    }

    /**
     * The live-changeable limits of a reloaded configuration, at once. Each group (a server's
     * client limits, its worker pool, the backlogs) follows the file only when its settings
     * changed there, so that a SIGHUP for something else keeps what virt-admin set. A pool or
     * backlog the pool or the kernel refuses is logged and left as it was; the rest applies.
     */
    void applyLimits(DaemonConfig before, DaemonConfig after) {
        ClientLimits mainNext = mainLimits(before.server()).equals(mainLimits(after.server()))
                ? server.mainLimits() : mainLimits(after.server());
        ClientLimits adminNext = adminLimits(before.admin()).equals(adminLimits(after.admin()))
                ? server.adminLimits() : adminLimits(after.admin());
        server.updateLimits(mainNext, adminNext);
        if (!workers(before.server()).equals(workers(after.server()))) {
            resize(mainPool, "virtxend", after.server());
        }
        if (!workers(before.admin()).equals(workers(after.admin()))) {
            resize(adminPool, "admin", after.admin());
        }
        if (before.server().maxQueuedClients() != after.server().maxQueuedClients()
                || before.admin().maxQueuedClients() != after.admin().maxQueuedClients()) {
            try {
                server.updateBacklogs(clamp(after.server().maxQueuedClients()), clamp(after.admin().maxQueuedClients()));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.ERROR, "cannot change the listen backlog: " + e.getMessage());
            }
        }
    }

    private static List<Long> workers(ServerLimits l) {
        return List.of(l.minWorkers(), l.maxWorkers(), l.prioWorkers());
    }

    private static void resize(WorkerPool pool, String name, ServerLimits l) {
        try {
            long max = Math.min(l.maxWorkers(), Integer.MAX_VALUE);
            pool.setLimits(Math.min(l.minWorkers(), max), max, l.prioWorkers());
        } catch (IllegalArgumentException e) {
            LOG.log(Level.ERROR, "server " + name + ": cannot resize the worker pool: " + e.getMessage());
        }
    }

    /**
     * Stops serving without harming guests: no new clients or calls, calls in progress get
     * {@code drain} to finish, then clients are closed and our socket files removed; the
     * driver stops its own threads and leaves every guest as it is.
     */
    void stop(Duration drain) {
        try {
            server.stopGracefully(drain);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop();
        }
        close();
    }

    @Override
    public void close() {
        if (metricsEndpoint != null) {
            metricsEndpoint.close();
        }
        server.stop();
        if (driver != null) {
            driver.close();
        }
        mainPool.close();
        adminPool.close();
        if (driverLock != null) {
            driverLock.release();
        }
        events.close();
    }

    private SimDriverConfig simConfig(DaemonConfig config, UUID hostUuid) {
        long delay = Long.getLong("virtxend.sim.guestDelayMs", envLong("VIRTXEND_SIM_GUEST_DELAY_MS", 500));
        SimHost host = SimHost.fromThisMachine();
        if (hostUuid != null) {
            host = host.withUuid(hostUuid);
        }
        return new SimDriverConfig(paths.domainConfigDir(), paths.stateDir(), paths.dumpDir(), paths.saveDir(), host,
                Duration.ofMillis(delay), (int) Math.max(1, config.server().maxWorkers()), java.time.Clock.systemUTC());
    }

    private static long envLong(String name, long fallback) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number of milliseconds, got '" + v + "'");
        }
    }

    private static int clamp(long v) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, v));
    }

    static ClientLimits mainLimits(ServerLimits l) {
        return new ClientLimits(clamp(l.maxClients()), clamp(l.maxClientRequests()), l.keepaliveInterval(),
                (int) Math.min(Integer.MAX_VALUE, l.keepaliveCount()), (int) Math.min(Integer.MAX_VALUE, l.maxAnonymousClients()));
    }

    static ClientLimits adminLimits(ServerLimits l) {
        return mainLimits(l);
    }

    /**
     * Socket modes and the group are checked here, when they are used, so that their errors
     * exit with libvirt's status 6. Under socket activation unix_sock_dir and the modes are
     * systemd's business.
     */
    private static TransportConfig transportConfig(DaemonConfig config, DaemonPaths paths) {
        var s = config.sockets();
        var main = config.server();
        var admin = config.admin();
        OptionalInt group = s.group().isPresent() ? OptionalInt.of(UnixGroups.gid(s.group().get())) : OptionalInt.empty();
        var env = System.getenv();
        long pid = ProcessHandle.current().pid();
        var activated = SocketActivation.fromEnvironment(env, pid);
        SocketActivation.unnamedFds(env, pid).ifPresent(msg -> LOG.log(Level.ERROR, "internal error: " + msg));
        if (!activated.isEmpty()) {
            LOG.log(Level.INFO, "socket activation: {0}", activated);
        }
        ClientLimits m = mainLimits(main);
        ClientLimits a = adminLimits(admin);
        return new TransportConfig(paths.socketDir(), DaemonPaths.RW_SOCKET, DaemonPaths.RO_SOCKET, DaemonPaths.ADMIN_SOCKET,
                s.rwMode(), s.roMode(), s.adminMode(), group,
                m.maxClients(), a.maxClients(), m.maxClientRequests(), m.keepaliveInterval(), m.keepaliveCount(),
                TransportConfig.defaults(paths.socketDir()).eventLoopThreads(), activated,
                clamp(main.maxQueuedClients()),
                new TransportConfig.AdminLimits(a.maxClientRequests(), a.keepaliveInterval(), a.keepaliveCount(),
                        clamp(admin.maxQueuedClients())));
    }
}
