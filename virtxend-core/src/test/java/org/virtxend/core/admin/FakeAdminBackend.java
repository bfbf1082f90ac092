package org.virtxend.core.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/**
 * An {@link AdminBackend} held in memory, with the shape of a freshly started daemon:
 * libvirt's default pools (5/20 workers, 5 priority workers on the main server, none on
 * the admin server) and limits (5000 clients, 20 unauthenticated on the main server).
 */
final class FakeAdminBackend implements AdminBackend {
    static final class Server {
        ThreadPoolInfo pool;
        ClientLimitsInfo limits;
        final Map<Long, AdminClient> clients = new LinkedHashMap<>();
        final Map<Long, ClientInfo> infos = new LinkedHashMap<>();

        Server(ThreadPoolInfo pool, ClientLimitsInfo limits) {
            this.pool = pool;
            this.limits = limits;
        }
    }

    final Map<String, Server> servers = new LinkedHashMap<>();
    LogSettings outputs = new LogSettings("3:stderr", 1);
    LogSettings filters = LogSettings.NONE;
    Long timeout;
    /** When set, a client disappears between the program's lookup and the call that uses it. */
    boolean clientsVanish;
    /** Threads the blocking calls ran on. */
    final List<String> threads = new CopyOnWriteArrayList<>();
    /** Setter calls, in order. */
    final List<String> calls = new CopyOnWriteArrayList<>();

    /** virtxend's servers, in the order BEHAVIOR.md §9 shows srv-list printing them. */
    static FakeAdminBackend virtxend() {
        return withServers(MAIN_SERVER, ADMIN_SERVER);
    }

    static FakeAdminBackend withServers(String... names) {
        var b = new FakeAdminBackend();
        for (String n : names) {
            boolean admin = n.equals(ADMIN_SERVER);
            b.servers.put(n, new Server(new ThreadPoolInfo(5, 20, 5, 5, admin ? 0 : 5, 0),
                    new ClientLimitsInfo(5000, 0, admin ? 0 : 20, 0)));
        }
        return b;
    }

    Server server(String name) {
        Server s = servers.get(name);
        if (s == null) {
            throw new AssertionError("the program passed an unknown server: " + name);
        }
        return s;
    }

    /** Adds a connected client with a full UNIX identity. */
    FakeAdminBackend client(String server, long id, long connectedAt, boolean readOnly, int uid, String user, int gid,
                            String group, int pid) {
        return client(server, AdminClient.unix(id, connectedAt),
                new ClientInfo(readOnly, ClientInfo.Identity.unix(uid, user, gid, group, pid)));
    }

    FakeAdminBackend client(String server, AdminClient c, ClientInfo info) {
        Server s = server(server);
        s.clients.put(c.id(), c);
        s.infos.put(c.id(), info);
        s.limits = new ClientLimitsInfo(s.limits.maxClients(), s.clients.size(), s.limits.maxUnauthClients(), s.limits.unauthClients());
        return this;
    }

    @Override
    public List<String> servers() {
        return List.copyOf(servers.keySet());
    }

    @Override
    public ThreadPoolInfo threadPool(String server) {
        return server(server).pool;
    }

    @Override
    public void setThreadPool(String server, ThreadPoolUpdate u) {
        calls.add("setThreadPool " + server + " " + u);
        Server s = server(server);
        ThreadPoolInfo p = s.pool;
        long min = u.minWorkers().orElse(p.minWorkers());
        long max = u.maxWorkers().orElse(p.maxWorkers());
        long prio = u.prioWorkers().orElse(p.prioWorkers());
        long n = Math.max(p.nWorkers(), min);
        s.pool = new ThreadPoolInfo(min, max, n, p.freeWorkers() + (n - p.nWorkers()), prio, p.jobQueueDepth());
    }

    @Override
    public ClientLimitsInfo clientLimits(String server) {
        return server(server).limits;
    }

    @Override
    public void setClientLimits(String server, ClientLimitsUpdate u) {
        calls.add("setClientLimits " + server + " " + u);
        Server s = server(server);
        ClientLimitsInfo l = s.limits;
        s.limits = new ClientLimitsInfo(u.maxClients().orElse(l.maxClients()), l.clients(),
                u.maxUnauthClients().orElse(l.maxUnauthClients()), l.unauthClients());
    }

    @Override
    public List<AdminClient> clients(String server) {
        return new ArrayList<>(server(server).clients.values());
    }

    @Override
    public Optional<ClientInfo> clientInfo(String server, long id) {
        return clientsVanish ? Optional.empty() : Optional.ofNullable(server(server).infos.get(id));
    }

    @Override
    public boolean closeClient(String server, long id) {
        calls.add("closeClient " + server + " " + id);
        if (clientsVanish) {
            return false;
        }
        Server s = server(server);
        s.infos.remove(id);
        boolean was = s.clients.remove(id) != null;
        s.limits = new ClientLimitsInfo(s.limits.maxClients(), s.clients.size(), s.limits.maxUnauthClients(), s.limits.unauthClients());
        return was;
    }

    @Override
    public LogSettings loggingOutputs() {
        return outputs;
    }

    @Override
    public LogSettings loggingFilters() {
        return filters;
    }

    @Override
    public void setLoggingOutputs(String text) {
        threads.add(Thread.currentThread().getName());
        calls.add("setLoggingOutputs " + text);
        if (text == null || text.isBlank()) {
            outputs = new LogSettings("3:stderr", 1);
            return;
        }
        for (String o : text.trim().split("\\s+")) {
            if (!o.matches("[1-4]:(stderr|journald|syslog:.+|file:.+)")) {
                throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE, "Malformed format for log output '" + o + "'");
            }
        }
        outputs = new LogSettings(String.join(" ", text.trim().split("\\s+")), text.trim().split("\\s+").length);
    }

    @Override
    public void setLoggingFilters(String text) {
        threads.add(Thread.currentThread().getName());
        calls.add("setLoggingFilters " + text);
        if (text == null || text.isBlank()) {
            filters = LogSettings.NONE;
            return;
        }
        var sb = new StringBuilder();
        String[] parts = text.trim().split("\\s+");
        for (String f : parts) {
            var m = java.util.regex.Pattern.compile("\\+?([0-9]+):(.+)").matcher(f);
            if (!m.matches()) {
                throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE, "Malformed format for filter '" + f + "'");
            }
            sb.append(m.group(1)).append(":*").append(m.group(2)).append("* ");
        }
        filters = new LogSettings(sb.toString(), parts.length);
    }

    @Override
    public void setDaemonTimeout(long seconds) {
        calls.add("setDaemonTimeout " + seconds);
        timeout = seconds;
    }

    @Override
    public void updateTlsFiles(String server) {
        threads.add(Thread.currentThread().getName());
        calls.add("updateTlsFiles " + server);
        AdminBackend.super.updateTlsFiles(server);
    }
}
