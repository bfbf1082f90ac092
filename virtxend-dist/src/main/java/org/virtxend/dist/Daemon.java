package org.virtxend.dist;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.virtxend.core.driver.HypervisorDriver;
import org.virtxend.core.event.EventBus;
import org.virtxend.dist.metrics.DaemonMetrics;
import org.virtxend.dist.metrics.MetricsEndpoint;
import org.virtxend.core.event.OverflowPolicy;
import org.virtxend.core.remote.RemoteOptions;
import org.virtxend.core.remote.RemoteProgram;
import org.virtxend.core.rpc.Dispatcher;
import org.virtxend.core.rpc.RpcObserver;
import org.virtxend.core.sim.SimDriverConfig;
import org.virtxend.core.sim.SimHost;
import org.virtxend.core.sim.SimulatedDriver;
import org.virtxend.dist.config.DaemonConfig;
import org.virtxend.dist.config.DaemonPaths;
import org.virtxend.transport.SocketActivation;
import org.virtxend.transport.TransportConfig;
import org.virtxend.transport.UnixSocketServer;

/** The running daemon: driver, REMOTE program and sockets, wired from the configuration. */
final class Daemon implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Daemon.class.getName());

    private final EventBus events;
    private final HypervisorDriver driver;
    private final UnixSocketServer server;
    private final MetricsEndpoint metricsEndpoint;

    private Daemon(EventBus events, HypervisorDriver driver, UnixSocketServer server, MetricsEndpoint metricsEndpoint) {
        this.events = events;
        this.driver = driver;
        this.server = server;
        this.metricsEndpoint = metricsEndpoint;
    }

    static Daemon start(DaemonConfig config, DaemonPaths paths) throws IOException {
        var ev = config.events();
        var metrics = new DaemonMetrics();
        EventBus events = new EventBus((int) ev.bufferSize(),
                ev.disconnectSlowSubscribers() ? OverflowPolicy.DISCONNECT : OverflowPolicy.DROP, metrics);
        HypervisorDriver driver = null;
        UnixSocketServer server = null;
        try {
            driver = SimulatedDriver.start(simConfig(config, paths), events);
            var limits = config.server();
            var remote = new Dispatcher(List.of(RemoteProgram.bind(driver,
                    new RemoteOptions(limits.keepaliveInterval() > 0), events)), metrics);
            server = new UnixSocketServer(transportConfig(config, paths), remote, null);
            server.start();
            LOG.log(Level.INFO, "listening on {0}", paths.socketDir());
            UnixSocketServer s = server;
            metrics.gauge("virtxend.clients", "connected clients", s::clientCount);
            metrics.gauge("virtxend.event.subscriptions", "event registrations of all clients", events::subscriptionCount);
            MetricsEndpoint endpoint = ev.metricsListen().isEmpty() ? null : MetricsEndpoint.start(ev.metricsListen(), metrics);
            return new Daemon(events, driver, server, endpoint);
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                server.stop();
            }
            if (driver != null) {
                driver.close();
            }
            events.close();
            throw e;
        }
    }

    private static SimDriverConfig simConfig(DaemonConfig config, DaemonPaths paths) {
        long delay = Long.getLong("virtxend.sim.guestDelayMs", envLong("VIRTXEND_SIM_GUEST_DELAY_MS", 500));
        return new SimDriverConfig(paths.domainConfigDir(), paths.stateDir(), paths.dumpDir(), paths.saveDir(), SimHost.fromThisMachine(),
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

    private static TransportConfig transportConfig(DaemonConfig config, DaemonPaths paths) {
        var s = config.sockets();
        var main = config.server();
        var admin = config.admin();
        OptionalInt group = s.group().isPresent() ? OptionalInt.of(UnixGroups.gid(s.group().get())) : OptionalInt.empty();
        var activated = SocketActivation.fromEnvironment(System.getenv(), ProcessHandle.current().pid());
        return new TransportConfig(paths.socketDir(), DaemonPaths.RW_SOCKET, DaemonPaths.RO_SOCKET, null,
                s.rwMode(), s.roMode(), s.adminMode(), group,
                (int) Math.min(Integer.MAX_VALUE, main.maxClients()), (int) Math.min(Integer.MAX_VALUE, admin.maxClients()),
                (int) Math.max(1, Math.min(Integer.MAX_VALUE, main.maxClientRequests())),
                main.keepaliveInterval(), (int) Math.min(Integer.MAX_VALUE, main.keepaliveCount()),
                TransportConfig.defaults(paths.socketDir()).eventLoopThreads(), activated);
    }

    @Override
    public void close() {
        if (metricsEndpoint != null) {
            metricsEndpoint.close();
        }
        server.stop();
        driver.close();
        events.close();
    }
}
