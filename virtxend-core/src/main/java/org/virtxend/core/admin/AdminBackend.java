package org.virtxend.core.admin;

import java.util.List;
import java.util.Optional;

/**
 * What the ADMIN program needs from the daemon: its servers, their worker pools,
 * client limits and clients, and the daemon's logging and idle timeout. The daemon
 * (virtxend-dist) implements it; {@link AdminProgram#bind} serves it to virt-admin.
 *
 * <p>The program does libvirt's argument checks before it calls in: server names
 * passed here are always among {@link #servers()}, typed parameters have been
 * checked for names and types, flags are zero, and the set-calls' updates have
 * passed {@link ThreadPoolUpdate#checkAgainst} / {@link ClientLimitsUpdate#checkAgainst}
 * against the values read just before. Errors an implementation raises should be
 * {@link org.virtxend.core.error.VirtException}s with libvirt's codes and texts.
 *
 * <p>Threading: methods are called on the transport's event loop and must return
 * quickly, except {@link #setLoggingOutputs}, {@link #setLoggingFilters} and
 * {@link #updateTlsFiles}, which are called on a worker thread and may block.
 */
public interface AdminBackend {
    /** libvirtd's name for the server that runs the REMOTE program; virtxend's is its daemon name. */
    String MAIN_SERVER = "virtxend";
    /** The server that runs the ADMIN program itself. */
    String ADMIN_SERVER = "admin";

    /**
     * The server names, in the order libvirt lists them (its position is the "Id"
     * virt-admin's srv-list prints): for virtxend 9.0 that is "virtxend", then "admin".
     */
    List<String> servers();

    /** The server's worker pool now. */
    ThreadPoolInfo threadPool(String server);

    /** Applies the present values of {@code update} to the server's worker pool. */
    void setThreadPool(String server, ThreadPoolUpdate update);

    /** The server's client counters and limits now. */
    ClientLimitsInfo clientLimits(String server);

    /** Applies the present values of {@code update}; lowering a limit drops no connection. */
    void setClientLimits(String server, ClientLimitsUpdate update);

    /** The server's open client connections, oldest first (the admin connection asking included). */
    List<AdminClient> clients(String server);

    /**
     * What CLIENT_GET_INFO reports about one client: empty when the server has no
     * such client (any more); an identity of null when the client has not authenticated.
     * User and group names are resolved by the daemon.
     */
    Optional<ClientInfo> clientInfo(String server, long id);

    /** Closes a client's connection at once; false when the server has no such client (any more). */
    boolean closeClient(String server, long id);

    /** The daemon's logging outputs; never empty, the default output counts. */
    LogSettings loggingOutputs();

    /** The daemon's logging filters; {@link LogSettings#NONE} when there are none. */
    LogSettings loggingFilters();

    /**
     * Replaces the logging outputs (libvirt's "level:stderr", "level:file:path",
     * "level:syslog:name", "level:journald" list). Null or blank restores the
     * daemon's default output. libvirt's errors (code/domain NONE): 8 "Malformed
     * format for log output '…'", 8 "Invalid log destination 'x' for log output '…'",
     * 38 SYSTEM_ERROR "failed to open PATH: strerror" for a file it cannot open.
     */
    void setLoggingOutputs(String outputs);

    /**
     * Replaces the logging filters ("[+]level:match" list). Null or blank removes
     * every filter. A malformed entry fails with {@code INVALID_ARG} / domain NONE:
     * "Malformed format for filter '…'", or "Invalid priority 'N' for filter '…'".
     * libvirt stores each match wrapped in '*' ("1:foo" reads back as "1:*foo* ").
     */
    void setLoggingFilters(String filters);

    /**
     * Sets the idle timeout after which the daemon exits when it has no clients
     * (as -t/--timeout); 0 turns auto-shutdown off.
     *
     * @param seconds libvirt's unsigned int, 0 … 4294967295
     */
    void setDaemonTimeout(long seconds);

    /**
     * Re-reads the TLS certificates of the server's TLS listener. virtxend listens on
     * UNIX sockets only, so by default every server answers as libvirtd does without
     * a TLS listener.
     */
    default void updateTlsFiles(String server) {
        throw AdminErrors.noTls();
    }
}
