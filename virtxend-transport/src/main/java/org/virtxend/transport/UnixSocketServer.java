package org.virtxend.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.PeerCredentials;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.virtxend.core.rpc.ClientIdentity;
import org.virtxend.core.rpc.Dispatcher;

/**
 * The daemon's UNIX-socket listeners (rw, ro, admin) on Netty epoll.
 *
 * <p>rw and ro share the REMOTE dispatcher; sessions from the ro socket carry
 * {@code readOnlySocket=true}. The admin socket has its own dispatcher, and is only
 * opened when one is given and {@code adminName} is set. rw+ro count against
 * {@code maxClients}, admin against {@code adminMaxClients} (as libvirt's two servers).
 *
 * <p>{@link #bind()} and {@link #acceptClients()} are separate so that the daemon can
 * create its sockets early (clients then wait in the backlog) and serve only once its
 * driver is ready, as libvirtd does; {@link #start()} does both.
 */
public final class UnixSocketServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(UnixSocketServer.class.getName());
    private static final SocketRole[] UNLINK_ORDER = {SocketRole.ADMIN, SocketRole.RW, SocketRole.RO};

    private final TransportConfig config;
    private final Map<SocketRole, FrameDispatcher> dispatchers = new EnumMap<>(SocketRole.class);
    private final ClientLimit mainLimit;
    private final ClientLimit adminLimit;
    private final ClientLimit mainAnonymous;
    private final ClientLimit adminAnonymous;
    private volatile Set<SocketRole> authRequired = Set.of();
    private final Map<SocketRole, AtomicInteger> current = new EnumMap<>(SocketRole.class);
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong lastRejectLog = new AtomicLong(Long.MIN_VALUE);
    private final Map<Long, NettyRpcSession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger callsInFlight = new AtomicInteger();
    private final java.util.concurrent.atomic.LongAdder keepaliveTimeouts = new java.util.concurrent.atomic.LongAdder();
    private volatile ClientLimits mainLimits;
    private volatile ClientLimits adminLimits;

    private MultiThreadIoEventLoopGroup group;
    private ChannelGroup clients;
    private final List<Bound> listeners = new ArrayList<>();
    private volatile boolean accepting;

    /** One open listener; {@code fileKey} is null for an inherited (activated) socket, which we never unlink. */
    private record Bound(SocketRole role, Path path, Channel channel, Object fileKey) {
    }

    /**
     * @param remote the REMOTE program's dispatcher, used by the rw and ro sockets
     * @param admin  the ADMIN program's dispatcher, or null for no admin socket
     */
    public UnixSocketServer(TransportConfig config, Dispatcher remote, Dispatcher admin) {
        this(config, FrameDispatcher.of(Objects.requireNonNull(remote, "remote")),
                admin == null ? null : FrameDispatcher.of(admin));
    }

    private UnixSocketServer(TransportConfig config, FrameDispatcher remote, FrameDispatcher admin) {
        this.config = Objects.requireNonNull(config, "config");
        dispatchers.put(SocketRole.RW, Objects.requireNonNull(remote, "remote"));
        if (config.roName() != null) {
            dispatchers.put(SocketRole.RO, remote);
        }
        if (admin != null && config.adminName() != null) {
            dispatchers.put(SocketRole.ADMIN, admin);
        }
        mainLimits = config.mainLimits();
        adminLimits = config.adminLimits();
        mainLimit = new ClientLimit(mainLimits.maxClients());
        adminLimit = new ClientLimit(adminLimits.maxClients());
        mainAnonymous = new ClientLimit(mainLimits.maxAnonymousClients());
        adminAnonymous = new ClientLimit(adminLimits.maxAnonymousClients());
        for (SocketRole r : SocketRole.values()) {
            current.put(r, new AtomicInteger());
        }
    }

    /** Same as the constructor, with any frame consumer in place of the core's dispatchers (tests, tools). */
    public static UnixSocketServer create(TransportConfig config, FrameDispatcher remote, FrameDispatcher admin) {
        return new UnixSocketServer(config, remote, admin);
    }

    /**
     * Sockets whose clients must authenticate (auth other than "none"): their new clients count
     * as anonymous ({@link ClientLimits#maxAnonymousClients()}) until the core reports them
     * authenticated. Set before {@link #acceptClients()}.
     */
    public synchronized void requireAuthentication(Set<SocketRole> roles) {
        authRequired = Set.copyOf(roles);
    }

    /** {@link #bind()} then {@link #acceptClients()}. */
    public synchronized void start() throws IOException {
        bind();
        acceptClients();
    }

    /**
     * Creates (or adopts) the listening sockets, in libvirt's order rw, ro, admin.
     * Connections queue in the backlog until {@link #acceptClients()}. On failure
     * nothing is left open or on disk.
     *
     * @throws IOException "Failed to bind socket to '…': …", an unclaimed activation fd, no epoll
     */
    public synchronized void bind() throws IOException {
        if (group != null) {
            throw new IllegalStateException("already started");
        }
        if (!Epoll.isAvailable()) {
            throw new IOException("Netty native epoll is unavailable: " + Epoll.unavailabilityCause(),
                    Epoll.unavailabilityCause());
        }
        checkActivatedNames();
        group = new MultiThreadIoEventLoopGroup(config.eventLoopThreads(),
                new DefaultThreadFactory("virtxend-io"), EpollIoHandler.newFactory());
        clients = new DefaultChannelGroup("virtxend-clients", group.next());
        try {
            for (SocketRole role : SocketRole.values()) {
                if (dispatchers.containsKey(role)) {
                    listeners.add(open(role));
                }
            }
        } catch (IOException | RuntimeException e) {
            shutdown();
            throw e;
        }
    }

    /** Starts accepting connections on every listener (and takes those already queued). */
    public synchronized void acceptClients() {
        if (group == null) {
            throw new IllegalStateException("not bound");
        }
        accepting = true;
        for (Bound b : listeners) {
            b.channel().config().setAutoRead(true);
        }
        LOG.log(Level.INFO, "accepting clients on {0}", listeners.stream().map(Bound::path).toList());
    }

    /**
     * New limits for each server; see {@link ClientLimits} for when each value applies.
     * Clients over a lowered {@code maxClients} stay connected; new ones are turned away until they are under.
     */
    public void updateLimits(ClientLimits main, ClientLimits admin) {
        mainLimits = Objects.requireNonNull(main, "main");
        adminLimits = Objects.requireNonNull(admin, "admin");
        mainLimit.setMax(main.maxClients());
        adminLimit.setMax(admin.maxClients());
        mainAnonymous.setMax(main.maxAnonymousClients());
        adminAnonymous.setMax(admin.maxAnonymousClients());
    }

    /**
     * New listen() backlogs ({@code max_queued_clients}, {@code admin_max_queued_clients}) for
     * the open listeners: Linux takes a second listen() on a listening socket as a resize.
     *
     * @throws IOException the kernel refused; listeners already changed keep their new backlog
     */
    public synchronized void updateBacklogs(int main, int admin) throws IOException {
        if (main < 1 || admin < 1) {
            throw new IllegalArgumentException("backlog must be at least 1");
        }
        for (Bound b : listeners) {
            var fd = (io.netty.channel.unix.Socket) ((EpollServerDomainSocketChannel) b.channel()).fd();
            fd.listen(b.role() == SocketRole.ADMIN ? admin : main);
        }
    }

    /** Clients of one server that have not authenticated yet. */
    public int anonymousClients(boolean admin) {
        return (admin ? adminAnonymous : mainAnonymous).count();
    }

    public ClientLimits mainLimits() {
        return mainLimits;
    }

    public ClientLimits adminLimits() {
        return adminLimits;
    }

    /** Clients closed because they stopped answering keepalive PINGs, since start. */
    public long keepaliveTimeouts() {
        return keepaliveTimeouts.sum();
    }

    /** Calls received and not yet answered, all clients. */
    public int callsInFlight() {
        return callsInFlight.get();
    }

    /**
     * A stop that harms no call it can help: the listeners close at once (and their files
     * go), no client gets to start another call, the calls in progress get up to
     * {@code drain} to finish and send their replies; then {@link #stop()}. A client whose
     * call is still running then sees its connection close, i.e. the call fails.
     *
     * @return the number of calls that were still running when the connections were closed
     */
    public int stopGracefully(Duration drain) throws InterruptedException {
        synchronized (this) {
            if (group == null) {
                return 0;
            }
            accepting = false;
            // clients stop being read before the socket files go, so that a call sent after the
            // stop became visible is never taken
            var drained = new java.util.ArrayList<io.netty.util.concurrent.Future<?>>();
            for (NettyRpcSession s : sessions.values()) {
                drained.add(s.drainCalls());
            }
            for (var f : drained) {
                f.awaitUninterruptibly(2, TimeUnit.SECONDS);
            }
            closeListeners();
        }
        long deadline = System.nanoTime() + drain.toNanos();
        while (callsInFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        int abandoned = callsInFlight.get();
        if (abandoned > 0) {
            LOG.log(Level.WARNING, "{0} call(s) still running after {1} ms; closing their connections",
                    String.valueOf(abandoned), String.valueOf(drain.toMillis()));
        }
        stop();
        return abandoned;
    }

    /**
     * Closes the listeners and every client, stops the event loops and unlinks the socket
     * files we created (inherited ones are left to systemd). Idempotent.
     */
    public synchronized void stop() {
        if (group == null) {
            return;
        }
        shutdown();
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return group != null;
    }

    public boolean isAccepting() {
        return accepting;
    }

    /** Path of a listener that is open, or null. */
    public synchronized Path socketPath(SocketRole role) {
        return listeners.stream().filter(b -> b.role() == role).map(Bound::path).findFirst().orElse(null);
    }

    /** Clients currently connected through one listener. */
    public int clientCount(SocketRole role) {
        return current.get(role).get();
    }

    /** Clients currently connected, all listeners. */
    public int clientCount() {
        return sessions.size();
    }

    /** Connections admitted since start (rejected ones not counted). */
    public long totalAccepted() {
        return accepted.get();
    }

    /** Connections closed at once because of maxClients or unreadable credentials. */
    public long totalRejected() {
        return rejected.get();
    }

    /** A snapshot of the connected sessions (admin client list). */
    public Collection<NettyRpcSession> sessions() {
        return List.copyOf(sessions.values());
    }

    public Optional<NettyRpcSession> session(long id) {
        return Optional.ofNullable(sessions.get(id));
    }

    private void checkActivatedNames() throws IOException {
        Set<String> ours = new HashSet<>();
        for (SocketRole r : dispatchers.keySet()) {
            ours.add(config.name(r));
        }
        for (SocketRole r : dispatchers.keySet()) {
            ours.add(SocketActivation.unitName(r));
        }
        List<String> unclaimed = config.activatedFds().keySet().stream().filter(n -> !ours.contains(n)).sorted().toList();
        if (!unclaimed.isEmpty()) {
            throw new IOException("internal error: Some activation file descriptors are unclaimed: " + unclaimed);
        }
    }

    private Bound open(SocketRole role) throws IOException {
        Path path = config.path(role);
        Integer fd = config.activatedFd(role);
        int mode = config.mode(role);
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .option(ChannelOption.SO_BACKLOG, role == SocketRole.ADMIN ? config.admin().backlog() : config.backlog())
                .option(ChannelOption.AUTO_READ, false) // accept only once acceptClients() says so
                .childHandler(new ClientInit(role, dispatchers.get(role), role == SocketRole.ADMIN));
        if (fd != null) {
            PosixNative.makeNonBlockingCloexec(fd); // systemd hands blocking fds unless NonBlocking=yes
            b.channelFactory((ChannelFactory<EpollServerDomainSocketChannel>) () -> new EpollServerDomainSocketChannel(fd, true));
            ChannelFuture f = b.register().awaitUninterruptibly();
            if (!f.isSuccess()) {
                throw new IOException("Failed to use activated socket '" + path + "' (fd " + fd + "): "
                        + f.cause().getMessage(), f.cause());
            }
            // the path systemd bound, for the log (unix_sock_dir does not apply to it)
            Path bound = boundPath(f.channel(), path);
            LOG.log(Level.DEBUG, "adopted activated socket fd {0} for {1}", fd, bound);
            return new Bound(role, bound, f.channel(), null);
        }
        SocketFiles.checkPathLength(path);
        SocketFiles.ensureDirectory(path.getParent());
        SocketFiles.removeStale(path);
        b.channelFactory((ChannelFactory<EpollServerDomainSocketChannel>) () -> {
            var ch = new EpollServerDomainSocketChannel();
            SocketFiles.restrictBeforeBind(ch.fd().intValue(), mode);
            return ch;
        });
        ChannelFuture f = b.bind(new DomainSocketAddress(path.toString())).awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw new IOException("Failed to bind socket to '" + path + "': " + f.cause().getMessage(), f.cause());
        }
        try {
            Object key = SocketFiles.finishAfterBind(path, mode, config.unixGroup());
            LOG.log(Level.DEBUG, "listening on {0} (mode 0{1})", path, Integer.toOctalString(mode));
            return new Bound(role, path, f.channel(), key);
        } catch (IOException | RuntimeException e) {
            f.channel().close().awaitUninterruptibly();
            SocketFiles.unlinkIfOurs(path, null);
            throw new IOException("Failed to set up socket '" + path + "': " + e.getMessage(), e);
        }
    }

    /** The file an inherited listener is bound to (getsockname), or {@code fallback} if unknown. */
    private static Path boundPath(Channel ch, Path fallback) {
        try {
            DomainSocketAddress a = ((io.netty.channel.unix.Socket) ((EpollServerDomainSocketChannel) ch).fd())
                    .localDomainSocketAddress();
            return a != null && !a.path().isEmpty() ? Path.of(a.path()) : fallback;
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private void shutdown() {
        accepting = false;
        closeListeners();
        if (clients != null) {
            clients.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        // quiet period 0: every channel is closed already, nothing more can arrive
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        clients = null;
        group = null;
    }

    /** Closes the listeners, then unlinks the files we created, in libvirt's order. */
    private void closeListeners() {
        for (Bound b : listeners) {
            b.channel().close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        for (SocketRole role : UNLINK_ORDER) {
            for (Bound b : listeners) {
                if (b.role() == role && b.fileKey() != null) {
                    SocketFiles.unlinkIfOurs(b.path(), b.fileKey());
                }
            }
        }
        listeners.clear();
    }

    private ClientIdentity identify(Channel ch, SocketRole role) throws IOException {
        PeerCredentials pc = ((EpollDomainSocketChannel) ch).peerCredentials();
        int[] gids = pc.gids();
        return new ClientIdentity(pc.uid(), gids.length > 0 ? gids[0] : -1, pc.pid(), role == SocketRole.RO);
    }

    private void reject(SocketRole role, String why) {
        long n = rejected.incrementAndGet();
        long now = System.nanoTime();
        long last = lastRejectLog.get();
        // at most one line a second: a client storm must not also flood the log
        if ((last == Long.MIN_VALUE || now - last >= TimeUnit.SECONDS.toNanos(1)) && lastRejectLog.compareAndSet(last, now)) {
            LOG.log(Level.WARNING, "rejecting new connection on {0}: {1} ({2} rejected so far)", config.path(role), why, String.valueOf(n));
        }
    }

    /** Per-connection set-up: limit check, credentials, pipeline, bookkeeping. */
    private final class ClientInit extends ChannelInitializer<Channel> {
        private final SocketRole role;
        private final FrameDispatcher dispatcher;
        private final boolean admin;
        private final ClientLimit limit;
        private final ClientLimit anonymous;

        ClientInit(SocketRole role, FrameDispatcher dispatcher, boolean admin) {
            this.role = role;
            this.dispatcher = dispatcher;
            this.admin = admin;
            this.limit = admin ? adminLimit : mainLimit;
            this.anonymous = admin ? adminAnonymous : mainAnonymous;
        }

        @Override
        protected void initChannel(Channel ch) {
            ClientLimits limits = admin ? adminLimits : mainLimits;
            if (!limit.tryAcquire()) {
                reject(role, "too many clients (max " + limit.max() + ")");
                ch.close();
                return;
            }
            boolean mustAuthenticate = authRequired.contains(role);
            if (mustAuthenticate && !anonymous.tryAcquire()) {
                limit.release();
                reject(role, "too many clients waiting for authentication (max " + anonymous.max() + ")");
                ch.close();
                return;
            }
            ClientIdentity identity;
            try {
                identity = identify(ch, role);
            } catch (IOException | RuntimeException e) {
                limit.release();
                if (mustAuthenticate) {
                    anonymous.release();
                }
                reject(role, "cannot read peer credentials: " + e.getMessage());
                ch.close();
                return;
            }
            var decoder = new RpcFrameDecoder();
            var handler = new RpcCallHandler(ch, identity, role, dispatcher, decoder, limits.maxClientRequests(),
                    limits.keepaliveInterval(), limits.keepaliveCount(), callsInFlight,
                    keepaliveTimeouts::increment);
            NettyRpcSession session = handler.session();
            if (mustAuthenticate) {
                session.awaitAuthentication(anonymous::release);
            }
            AtomicInteger perRole = current.get(role);
            perRole.incrementAndGet();
            accepted.incrementAndGet();
            sessions.put(session.id(), session);
            ch.closeFuture().addListener(f -> {
                sessions.remove(session.id());
                perRole.decrementAndGet();
                limit.release();
            });
            clients.add(ch);
            ch.pipeline().addLast("frames", decoder).addLast("calls", handler);
            LOG.log(Level.DEBUG, "{0}: connected", session);
        }
    }

    /** A counting limit shared by the loops of one server (rw+ro, or admin); a maximum of 0 means none. */
    private static final class ClientLimit {
        private volatile int max;
        private final AtomicInteger count = new AtomicInteger();

        ClientLimit(int max) {
            this.max = max;
        }

        int max() {
            return max;
        }

        void setMax(int n) {
            max = n;
        }

        boolean tryAcquire() {
            int n;
            do {
                n = count.get();
                int m = max;
                if (m > 0 && n >= m) {
                    return false;
                }
            } while (!count.compareAndSet(n, n + 1));
            return true;
        }

        void release() {
            count.decrementAndGet();
        }

        int count() {
            return count.get();
        }
    }
}
