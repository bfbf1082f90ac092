package org.virtxend.core.admin;

import static org.virtxend.core.admin.Handlers.EMPTY;
import static org.virtxend.core.admin.Handlers.quick;
import static org.virtxend.core.admin.Handlers.server;
import static org.virtxend.core.admin.Handlers.serverMatching;

import org.virtxend.core.protocol.admin.ClientCloseArgs;
import org.virtxend.core.protocol.admin.ClientGetInfoArgs;
import org.virtxend.core.protocol.admin.ClientGetInfoRet;
import org.virtxend.core.protocol.admin.ServerListClientsArgs;
import org.virtxend.core.protocol.admin.ServerListClientsRet;
import org.virtxend.core.protocol.admin.ServerLookupClientArgs;
import org.virtxend.core.protocol.admin.ServerLookupClientRet;
import org.virtxend.core.rpc.HandlerTable;

/** A server's clients: listing, finding, describing and disconnecting them. */
final class ClientProcedures {
    // libvirt's typed parameter names (libvirt-admin.h, VIR_CLIENT_INFO_*)
    static final String READONLY = "readonly";
    static final String SASL_USER_NAME = "sasl_user_name";
    static final String UNIX_USER_ID = "unix_user_id";
    static final String UNIX_USER_NAME = "unix_user_name";
    static final String UNIX_GROUP_ID = "unix_group_id";
    static final String UNIX_GROUP_NAME = "unix_group_name";
    static final String UNIX_PROCESS_ID = "unix_process_id";
    static final String SELINUX_CONTEXT = "selinux_context";

    private ClientProcedures() {
    }

    static void register(HandlerTable t, AdminBackend backend) {
        t.on("ServerListClients", ServerListClientsArgs.class, quick((ctx, a) -> {
            String srv = server(backend, a.getSrv().getName());
            AdminErrors.checkNoFlags(a.getFlags(), "adminServerListClients");
            var clients = backend.clients(srv);
            var r = ServerListClientsRet.newBuilder().setRet(clients.size());
            if (a.getNeedResults() != 0) {
                clients.forEach(c -> r.addClients(Handlers.wire(srv, c)));
            }
            return r.build();
        }));
        t.on("ServerLookupClient", ServerLookupClientArgs.class, quick((ctx, a) -> {
            String srv = server(backend, a.getSrv().getName());
            AdminErrors.checkNoFlags(a.getFlags(), "adminServerLookupClient");
            AdminClient c = Handlers.client(backend, srv, a.getId());
            if (c == null) {
                throw AdminErrors.noClient(a.getId());
            }
            return ServerLookupClientRet.newBuilder().setClnt(Handlers.wire(srv, c)).build();
        }));
        t.on("ClientGetInfo", ClientGetInfoArgs.class, quick((ctx, a) -> {
            // only the server name and the id count; the timestamp and transport sent along are ignored
            String srv = serverMatching(backend, a.getClnt().getSrv().getName());
            long id = a.getClnt().getId();
            if (Handlers.client(backend, srv, id) == null) {
                throw AdminErrors.noClientMatching(id);
            }
            AdminErrors.checkNoFlags(a.getFlags(), "adminClientGetInfo");
            ClientInfo info = backend.clientInfo(srv, id).orElseThrow(() -> AdminErrors.noClientMatching(id));
            return info(info);
        }));
        t.on("ClientClose", ClientCloseArgs.class, quick((ctx, a) -> {
            String srv = server(backend, a.getClnt().getSrv().getName());
            long id = a.getClnt().getId();
            if (Handlers.client(backend, srv, id) == null) {
                throw AdminErrors.noClient(id);
            }
            AdminErrors.checkNoFlags(a.getFlags(), "adminClientClose");
            if (!backend.closeClient(srv, id)) {
                throw AdminErrors.noClient(id);
            }
            return EMPTY;
        }));
    }

    /** libvirt's parameters for a local client, in its order; unknown names and attributes are left out. */
    static ClientGetInfoRet info(ClientInfo info) {
        ClientInfo.Identity id = info.identity();
        if (id == null) {
            throw AdminErrors.noIdentity();
        }
        var r = ClientGetInfoRet.newBuilder().addParams(TypedParams.bool(READONLY, info.readOnly()));
        if (id.saslUserName() != null) {
            r.addParams(TypedParams.string(SASL_USER_NAME, id.saslUserName()));
        }
        r.addParams(TypedParams.integer(UNIX_USER_ID, id.unixUserId()));
        if (id.unixUserName() != null) {
            r.addParams(TypedParams.string(UNIX_USER_NAME, id.unixUserName()));
        }
        r.addParams(TypedParams.integer(UNIX_GROUP_ID, id.unixGroupId()));
        if (id.unixGroupName() != null) {
            r.addParams(TypedParams.string(UNIX_GROUP_NAME, id.unixGroupName()));
        }
        r.addParams(TypedParams.integer(UNIX_PROCESS_ID, id.unixProcessId()));
        if (id.selinuxContext() != null) {
            r.addParams(TypedParams.string(SELINUX_CONTEXT, id.selinuxContext()));
        }
        return r.build();
    }
}
