package org.virtxend.core.admin;

import java.util.Set;
import org.virtxend.core.pool.WorkerPool;
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

    /** Created on first use only; its threads are daemon threads and start only when a job comes. */
    private static final class Standalone {
        static final WorkerPool POOL = new WorkerPool("admin", 0, 5, 0);
    }

    public static Program schema() {
        return Programs.fromService(AdminProtocol.getDescriptor().findServiceByName("Admin"));
    }

    /** Bound for tests and tools: blocking handlers share one small pool of this class. */
    public static ProgramBinding bind(AdminBackend backend) {
        return bind(backend, Standalone.POOL);
    }

    /** @param workers the admin server's pool, for the handlers that may block */
    public static ProgramBinding bind(AdminBackend backend, WorkerPool workers) {
        var table = new HandlerTable(schema());
        AdminConnectProcedures.register(table, backend);
        ServerProcedures.register(table, backend, workers);
        ClientProcedures.register(table, backend);
        DaemonProcedures.register(table, backend, workers);
        return new ProgramBinding(table, BEFORE_OPEN);
    }
}
