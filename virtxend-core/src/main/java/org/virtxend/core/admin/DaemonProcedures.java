package org.virtxend.core.admin;

import static org.virtxend.core.admin.Handlers.EMPTY;
import static org.virtxend.core.admin.Handlers.blocking;
import static org.virtxend.core.admin.Handlers.quick;

import org.virtxend.core.protocol.admin.ConnectGetLoggingFiltersArgs;
import org.virtxend.core.protocol.admin.ConnectGetLoggingFiltersRet;
import org.virtxend.core.protocol.admin.ConnectGetLoggingOutputsArgs;
import org.virtxend.core.protocol.admin.ConnectGetLoggingOutputsRet;
import org.virtxend.core.protocol.admin.ConnectSetDaemonTimeoutArgs;
import org.virtxend.core.protocol.admin.ConnectSetLoggingFiltersArgs;
import org.virtxend.core.protocol.admin.ConnectSetLoggingOutputsArgs;
import org.virtxend.core.pool.WorkerPool;
import org.virtxend.core.rpc.HandlerTable;

/** Daemon-wide settings: logging outputs and filters, the idle timeout. */
final class DaemonProcedures {
    private DaemonProcedures() {
    }

    static void register(HandlerTable t, AdminBackend backend, WorkerPool workers) {
        t.on("ConnectGetLoggingOutputs", ConnectGetLoggingOutputsArgs.class, quick((ctx, a) -> {
            AdminErrors.checkNoFlags(a.getFlags(), "adminConnectGetLoggingOutputs");
            LogSettings s = backend.loggingOutputs();
            return ConnectGetLoggingOutputsRet.newBuilder().setOutputs(s.text()).setNoutputs(s.count()).build();
        }));
        t.on("ConnectGetLoggingFilters", ConnectGetLoggingFiltersArgs.class, quick((ctx, a) -> {
            AdminErrors.checkNoFlags(a.getFlags(), "adminConnectGetLoggingFilters");
            LogSettings s = backend.loggingFilters();
            var r = ConnectGetLoggingFiltersRet.newBuilder().setNfilters(s.count());
            if (s.count() > 0) { // no filters travel as a NULL string
                r.setFilters(s.text());
            }
            return r.build();
        }));
        t.on("ConnectSetLoggingOutputs", ConnectSetLoggingOutputsArgs.class, blocking(workers, (ctx, a) -> {
            AdminErrors.checkNoFlags(a.getFlags(), "adminConnectSetLoggingOutputs");
            backend.setLoggingOutputs(a.hasOutputs() ? a.getOutputs() : null);
            return EMPTY;
        }));
        t.on("ConnectSetLoggingFilters", ConnectSetLoggingFiltersArgs.class, blocking(workers, (ctx, a) -> {
            AdminErrors.checkNoFlags(a.getFlags(), "adminConnectSetLoggingFilters");
            backend.setLoggingFilters(a.hasFilters() ? a.getFilters() : null);
            return EMPTY;
        }));
        t.on("ConnectSetDaemonTimeout", ConnectSetDaemonTimeoutArgs.class, quick((ctx, a) -> {
            AdminErrors.checkNoFlags(a.getFlags(), "adminConnectSetDaemonTimeout");
            backend.setDaemonTimeout(Integer.toUnsignedLong(a.getTimeout()));
            return EMPTY;
        }));
    }
}
