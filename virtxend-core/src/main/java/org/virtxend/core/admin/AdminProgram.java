package org.virtxend.core.admin;

import java.util.Set;
import org.virtxend.core.protocol.admin.AdminProtocol;
import org.virtxend.core.rpc.HandlerTable;
import org.virtxend.core.rpc.Program;
import org.virtxend.core.rpc.ProgramBinding;
import org.virtxend.core.rpc.Programs;

/** The ADMIN program (virt-admin's): its schema plus every handler, bound to one backend. */
public final class AdminProgram {
    /**
     * What a client may call before CONNECT_OPEN. libvirtd itself serves every admin
     * procedure without one; virtxend asks for the handshake, as on the REMOTE program
     * (virt-admin always opens first).
     */
    static final Set<String> BEFORE_OPEN = Set.of("ConnectOpen", "ConnectClose");

    private AdminProgram() {
    }

    public static Program schema() {
        return Programs.fromService(AdminProtocol.getDescriptor().findServiceByName("Admin"));
    }

    public static ProgramBinding bind(AdminBackend backend) {
        var table = new HandlerTable(schema());
        AdminConnectProcedures.register(table, backend);
        ServerProcedures.register(table, backend);
        ClientProcedures.register(table, backend);
        DaemonProcedures.register(table, backend);
        return new ProgramBinding(table, BEFORE_OPEN);
    }
}
