package org.virtxend.core.admin;

import static org.virtxend.core.admin.Handlers.EMPTY;
import static org.virtxend.core.admin.Handlers.quick;

import com.google.protobuf.Empty;
import org.virtxend.core.protocol.admin.ConnectGetLibVersionRet;
import org.virtxend.core.protocol.admin.ConnectListServersArgs;
import org.virtxend.core.protocol.admin.ConnectListServersRet;
import org.virtxend.core.protocol.admin.ConnectLookupServerArgs;
import org.virtxend.core.protocol.admin.ConnectLookupServerRet;
import org.virtxend.core.protocol.admin.ConnectOpenArgs;
import org.virtxend.core.rpc.HandlerTable;

/** The admin connection itself: open, close, library version, and finding servers. */
final class AdminConnectProcedures {
    /** The libvirt version we speak (9.0.0); virt-admin prints it as "Running against daemon". */
    static final long LIB_VERSION = 9_000_000L;

    private AdminConnectProcedures() {
    }

    static void register(HandlerTable t, AdminBackend backend) {
        t.on("ConnectOpen", ConnectOpenArgs.class, quick((ctx, a) -> {
            AdminErrors.checkNoFlags(a.getFlags(), "adminDispatchConnectOpen");
            // a second open is accepted silently, as libvirtd does on its admin socket;
            // the admin socket is never read-only and virt-admin sends no URI
            if (!ctx.state().isOpen()) {
                ctx.state().markOpen(null, false);
            }
            return EMPTY;
        }));
        t.on("ConnectClose", Empty.class, quick((ctx, a) -> {
            ctx.state().markClosed();
            ctx.state().requestClose(); // the socket closes once this reply is out
            return EMPTY;
        }));
        t.on("ConnectGetLibVersion", Empty.class, quick((ctx, a) ->
                ConnectGetLibVersionRet.newBuilder().setLibVer(LIB_VERSION).build()));
        t.on("ConnectListServers", ConnectListServersArgs.class, quick((ctx, a) -> {
            AdminErrors.checkNoFlags(a.getFlags(), "adminConnectListServers");
            var servers = backend.servers();
            var r = ConnectListServersRet.newBuilder().setRet(servers.size());
            if (a.getNeedResults() != 0) { // a count only asks for the number, any other value for all names
                servers.forEach(s -> r.addServers(Handlers.wire(s)));
            }
            return r.build();
        }));
        // libvirt checks no flags here (its check passes whatever is given)
        t.on("ConnectLookupServer", ConnectLookupServerArgs.class, quick((ctx, a) ->
                ConnectLookupServerRet.newBuilder().setSrv(Handlers.wire(Handlers.server(backend, a.getName()))).build()));
    }
}
