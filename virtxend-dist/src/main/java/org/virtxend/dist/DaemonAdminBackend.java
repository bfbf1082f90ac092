package org.virtxend.dist;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.virtxend.core.admin.AdminBackend;
import org.virtxend.core.admin.AdminClient;
import org.virtxend.core.admin.ClientInfo;
import org.virtxend.core.admin.ClientLimitsInfo;
import org.virtxend.core.admin.ClientLimitsUpdate;
import org.virtxend.core.admin.LogSettings;
import org.virtxend.core.admin.ThreadPoolInfo;
import org.virtxend.core.admin.ThreadPoolUpdate;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;
import org.virtxend.core.pool.PoolStats;
import org.virtxend.core.pool.WorkerPool;
import org.virtxend.dist.log.DaemonLog;
import org.virtxend.dist.log.LogConfig;
import org.virtxend.dist.log.LogFilter;
import org.virtxend.dist.log.LogOutputSpec;
import org.virtxend.dist.log.LogPlaces;
import org.virtxend.transport.ClientLimits;
import org.virtxend.transport.NettyRpcSession;
import org.virtxend.transport.SocketRole;
import org.virtxend.transport.UnixSocketServer;

/**
 * The daemon as virt-admin sees it: the "virtxend" server (rw and ro sockets) and
 * the "admin" server, their clients and limits, and the daemon's logging and idle
 * timeout. Client ids are the daemon's session ids: unique, increasing, opaque.
 */
final class DaemonAdminBackend implements AdminBackend {
    private static final System.Logger LOG = System.getLogger(DaemonAdminBackend.class.getName());

    private final UnixSocketServer server;
    private final WorkerPool mainPool;
    private final WorkerPool adminPool;
    private final LogPlaces logPlaces;
    private final PrintStream stderr;
    private final List<LogOutputSpec> defaultOutputs;
    private final LongConsumer timeout;

    /** Reads and changes the live limits: the transport's client limits and the servers' worker pools. */
    DaemonAdminBackend(UnixSocketServer server, WorkerPool mainPool, WorkerPool adminPool, LogPlaces logPlaces,
                       PrintStream stderr, LongConsumer timeout) {
        this.server = server;
        this.mainPool = mainPool;
        this.adminPool = adminPool;
        this.logPlaces = logPlaces;
        this.stderr = stderr;
        this.defaultOutputs = DaemonLog.current().outputs();
        this.timeout = timeout;
    }

    @Override
    public List<String> servers() {
        return List.of(MAIN_SERVER, ADMIN_SERVER);
    }

    /** The pool that runs the server's blocking calls, as it is now. */
    @Override
    public ThreadPoolInfo threadPool(String name) {
        PoolStats p = pool(name).stats();
        return new ThreadPoolInfo(p.minWorkers(), p.maxWorkers(), p.nWorkers(), p.freeWorkers(), p.prioWorkers(),
                p.jobQueueDepth());
    }

    /** Applied at once: workers start or stop (busy ones after their call). */
    @Override
    public void setThreadPool(String name, ThreadPoolUpdate u) {
        WorkerPool pool = pool(name);
        PoolStats now = pool.stats();
        long min = u.minWorkers().orElse(now.minWorkers());
        long max = u.maxWorkers().orElse(now.maxWorkers());
        long prio = u.prioWorkers().orElse(now.prioWorkers());
        try {
            pool.setLimits(min, max, prio);
        } catch (IllegalArgumentException e) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE, e.getMessage());
        }
        LOG.log(Level.INFO, "server {0}: worker pool set to min {1}, max {2}, prio {3}", name, min, max, prio);
    }

    @Override
    public ClientLimitsInfo clientLimits(String name) {
        boolean admin = name.equals(ADMIN_SERVER);
        ClientLimits live = admin ? server.adminLimits() : server.mainLimits();
        return new ClientLimitsInfo(live.maxClients(), clients(name).size(), live.maxAnonymousClients(),
                server.anonymousClients(admin));
    }

    /** Applied to the next connection; clients already connected stay, whatever the new limits. */
    @Override
    public void setClientLimits(String name, ClientLimitsUpdate u) {
        ClientLimits live = name.equals(MAIN_SERVER) ? server.mainLimits() : server.adminLimits();
        int max = clamp(u.maxClients().orElse(live.maxClients()));
        int anonymous = clamp(u.maxUnauthClients().orElse(live.maxAnonymousClients()));
        if (max < 1) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE, "the maximum number of clients must be at least 1");
        }
        ClientLimits next = new ClientLimits(max, live.maxClientRequests(), live.keepaliveInterval(), live.keepaliveCount(),
                anonymous);
        if (name.equals(MAIN_SERVER)) {
            server.updateLimits(next, server.adminLimits());
        } else {
            server.updateLimits(server.mainLimits(), next);
        }
        LOG.log(Level.INFO, "server {0}: max clients set to {1}, max anonymous clients to {2}", name, max, anonymous);
    }

    private static int clamp(long v) {
        return (int) Math.min(Integer.MAX_VALUE, v);
    }

    @Override
    public List<AdminClient> clients(String name) {
        var out = new ArrayList<AdminClient>();
        for (NettyRpcSession s : sessions(name)) {
            out.add(AdminClient.unix(s.id(), s.connectedAt().getEpochSecond()));
        }
        return out;
    }

    @Override
    public Optional<ClientInfo> clientInfo(String name, long id) {
        return session(name, id).map(s -> {
            var who = s.identity();
            boolean readOnly = who.readOnlySocket() || s.state().isReadOnly();
            return new ClientInfo(readOnly, ClientInfo.Identity.unix(who.uid(), lookup(Path.of("/etc/passwd"), who.uid()),
                    who.gid(), lookup(Path.of("/etc/group"), who.gid()), who.pid()));
        });
    }

    @Override
    public boolean closeClient(String name, long id) {
        Optional<NettyRpcSession> s = session(name, id);
        s.ifPresent(NettyRpcSession::close);
        return s.isPresent();
    }

    @Override
    public LogSettings loggingOutputs() {
        List<String> shown = DaemonLog.current().outputs().stream().map(LogOutputSpec::display).toList();
        return new LogSettings(String.join(" ", shown), shown.size());
    }

    @Override
    public LogSettings loggingFilters() {
        List<String> shown = DaemonLog.current().filters().stream().map(LogFilter::display).toList();
        return shown.isEmpty() ? LogSettings.NONE : new LogSettings(String.join(" ", shown) + " ", shown.size());
    }

    @Override
    public void setLoggingOutputs(String outputs) {
        LogConfig now = DaemonLog.current();
        List<LogOutputSpec> next = outputs == null || outputs.isBlank() ? defaultOutputs : LogOutputSpec.parseAll(outputs);
        apply(new LogConfig(now.level(), now.filters(), next));
    }

    @Override
    public void setLoggingFilters(String filters) {
        LogConfig now = DaemonLog.current();
        List<LogFilter> next = filters == null || filters.isBlank() ? List.of() : LogFilter.parseAll(filters);
        apply(new LogConfig(now.level(), next, now.outputs()));
    }

    private void apply(LogConfig config) {
        try {
            DaemonLog.apply(config, logPlaces, stderr);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE, e.getMessage());
        }
    }

    @Override
    public void setDaemonTimeout(long seconds) {
        timeout.accept(seconds);
        LOG.log(Level.INFO, "idle timeout set to {0} s through the admin socket", seconds);
    }

    private WorkerPool pool(String name) {
        return name.equals(MAIN_SERVER) ? mainPool : adminPool;
    }

    private List<NettyRpcSession> sessions(String name) {
        return server.sessions().stream()
                .filter(s -> name.equals(ADMIN_SERVER) == (s.role() == SocketRole.ADMIN))
                .sorted(Comparator.comparing(NettyRpcSession::connectedAt).thenComparingLong(NettyRpcSession::id))
                .toList();
    }

    private Optional<NettyRpcSession> session(String name, long id) {
        return sessions(name).stream().filter(s -> s.id() == id).findFirst();
    }

    /** The name of a uid or gid from the host's passwd or group file; null when it has none. */
    private static String lookup(Path db, int id) {
        try {
            for (String line : Files.readAllLines(db)) {
                String[] f = line.split(":", -1);
                if (f.length > 2 && f[2].equals(Integer.toString(id))) {
                    return f[0];
                }
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot read " + db, e);
        }
        return null;
    }

}
