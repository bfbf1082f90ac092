package org.virtxend.core.remote;

import java.util.Set;
import org.virtxend.core.driver.HypervisorDriver;
import org.virtxend.core.protocol.remote.RemoteProtocol;
import org.virtxend.core.rpc.HandlerTable;
import org.virtxend.core.rpc.Program;
import org.virtxend.core.rpc.ProgramBinding;
import org.virtxend.core.rpc.Programs;

/** The REMOTE program: its schema plus every handler, bound to one driver. */
public final class RemoteProgram {
    /** What a client may call before CONNECT_OPEN (SUPPORTS_FEATURE checks the feature itself). */
    private static final Set<String> BEFORE_OPEN = Set.of("AuthList", "ConnectOpen", "ConnectSupportsFeature", "ConnectClose");

    private RemoteProgram() {
    }

    public static Program schema() {
        return Programs.fromService(RemoteProtocol.getDescriptor().findServiceByName("Remote"));
    }

    public static ProgramBinding bind(HypervisorDriver driver, RemoteOptions options, org.virtxend.core.event.EventBus events) {
        var table = new HandlerTable(schema());
        ConnectProcedures.register(table, driver, options);
        NodeProcedures.register(table, driver);
        DomainListProcedures.register(table, driver);
        DomainQueryProcedures.register(table, driver);
        DomainLifecycleProcedures.register(table, driver);
        DomainTuningProcedures.register(table, driver);
        DomainSaveProcedures.register(table, driver);
        StatsProcedures.register(table, driver);
        DomainEventProcedures.register(table, events);
        return new ProgramBinding(table, BEFORE_OPEN);
    }
}
