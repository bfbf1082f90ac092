package org.virtxend.core.admin;

import static org.virtxend.core.admin.Handlers.EMPTY;
import static org.virtxend.core.admin.Handlers.blocking;
import static org.virtxend.core.admin.Handlers.quick;
import static org.virtxend.core.admin.Handlers.server;
import static org.virtxend.core.admin.Handlers.serverMatching;

import java.util.Map;
import java.util.OptionalLong;
import org.virtxend.core.protocol.TypedParamValue.ValueCase;
import org.virtxend.core.protocol.admin.ServerGetClientLimitsArgs;
import org.virtxend.core.protocol.admin.ServerGetClientLimitsRet;
import org.virtxend.core.protocol.admin.ServerGetThreadpoolParametersArgs;
import org.virtxend.core.protocol.admin.ServerGetThreadpoolParametersRet;
import org.virtxend.core.protocol.admin.ServerSetClientLimitsArgs;
import org.virtxend.core.protocol.admin.ServerSetThreadpoolParametersArgs;
import org.virtxend.core.protocol.admin.ServerUpdateTlsFilesArgs;
import org.virtxend.core.pool.WorkerPool;
import org.virtxend.core.rpc.HandlerTable;

/** A server's worker pool, client limits and TLS files. */
final class ServerProcedures {
    // libvirt's typed parameter names (libvirt-admin.h)
    static final String MIN_WORKERS = "minWorkers";
    static final String MAX_WORKERS = "maxWorkers";
    static final String N_WORKERS = "nWorkers";
    static final String FREE_WORKERS = "freeWorkers";
    static final String PRIO_WORKERS = "prioWorkers";
    static final String JOB_QUEUE_DEPTH = "jobQueueDepth";
    static final String CLIENTS_MAX = "nclients_max";
    static final String CLIENTS = "nclients";
    static final String CLIENTS_UNAUTH_MAX = "nclients_unauth_max";
    static final String CLIENTS_UNAUTH = "nclients_unauth";

    /** What SERVER_SET_THREADPOOL_PARAMETERS takes. */
    private static final Map<String, ValueCase> POOL_SETTABLE = Map.of(
            MIN_WORKERS, ValueCase.UINT_VALUE, MAX_WORKERS, ValueCase.UINT_VALUE, PRIO_WORKERS, ValueCase.UINT_VALUE);
    /** What SERVER_SET_CLIENT_LIMITS takes. */
    private static final Map<String, ValueCase> LIMITS_SETTABLE = Map.of(
            CLIENTS_MAX, ValueCase.UINT_VALUE, CLIENTS_UNAUTH_MAX, ValueCase.UINT_VALUE);

    private ServerProcedures() {
    }

    static void register(HandlerTable t, AdminBackend backend, WorkerPool workers) {
        t.on("ServerGetThreadpoolParameters", ServerGetThreadpoolParametersArgs.class, quick((ctx, a) -> {
            String srv = server(backend, a.getSrv().getName());
            AdminErrors.checkNoFlags(a.getFlags(), "adminServerGetThreadPoolParameters");
            ThreadPoolInfo p = backend.threadPool(srv);
            return ServerGetThreadpoolParametersRet.newBuilder()
                    .addParams(TypedParams.uint(MIN_WORKERS, p.minWorkers()))
                    .addParams(TypedParams.uint(MAX_WORKERS, p.maxWorkers()))
                    .addParams(TypedParams.uint(N_WORKERS, p.nWorkers()))
                    .addParams(TypedParams.uint(FREE_WORKERS, p.freeWorkers()))
                    .addParams(TypedParams.uint(PRIO_WORKERS, p.prioWorkers()))
                    .addParams(TypedParams.uint(JOB_QUEUE_DEPTH, p.jobQueueDepth()))
                    .build();
        }));
        t.on("ServerSetThreadpoolParameters", ServerSetThreadpoolParametersArgs.class, quick((ctx, a) -> {
            // libvirt's order: server, parameter names off the wire, flags, names and types, values
            String srv = serverMatching(backend, a.getSrv().getName());
            TypedParams.checkNames(a.getParamsList());
            AdminErrors.checkNoFlags(a.getFlags(), "adminServerSetThreadPoolParameters");
            TypedParams.validate(a.getParamsList(), POOL_SETTABLE);
            var update = new ThreadPoolUpdate(
                    present(TypedParams.uintOrAbsent(a.getParamsList(), MIN_WORKERS)),
                    present(TypedParams.uintOrAbsent(a.getParamsList(), MAX_WORKERS)),
                    present(TypedParams.uintOrAbsent(a.getParamsList(), PRIO_WORKERS)));
            update.checkAgainst(backend.threadPool(srv));
            backend.setThreadPool(srv, update);
            return EMPTY;
        }));
        t.on("ServerGetClientLimits", ServerGetClientLimitsArgs.class, quick((ctx, a) -> {
            String srv = server(backend, a.getSrv().getName());
            AdminErrors.checkNoFlags(a.getFlags(), "adminServerGetClientLimits");
            ClientLimitsInfo l = backend.clientLimits(srv);
            return ServerGetClientLimitsRet.newBuilder()
                    .addParams(TypedParams.uint(CLIENTS_MAX, l.maxClients()))
                    .addParams(TypedParams.uint(CLIENTS, l.clients()))
                    .addParams(TypedParams.uint(CLIENTS_UNAUTH_MAX, l.maxUnauthClients()))
                    .addParams(TypedParams.uint(CLIENTS_UNAUTH, l.unauthClients()))
                    .build();
        }));
        t.on("ServerSetClientLimits", ServerSetClientLimitsArgs.class, quick((ctx, a) -> {
            String srv = serverMatching(backend, a.getSrv().getName());
            TypedParams.checkNames(a.getParamsList());
            AdminErrors.checkNoFlags(a.getFlags(), "adminServerSetClientLimits");
            TypedParams.validate(a.getParamsList(), LIMITS_SETTABLE);
            var update = new ClientLimitsUpdate(
                    present(TypedParams.uintOrAbsent(a.getParamsList(), CLIENTS_MAX)),
                    present(TypedParams.uintOrAbsent(a.getParamsList(), CLIENTS_UNAUTH_MAX)));
            update.checkAgainst(backend.clientLimits(srv));
            backend.setClientLimits(srv, update);
            return EMPTY;
        }));
        t.on("ServerUpdateTlsFiles", ServerUpdateTlsFilesArgs.class, blocking(workers, (ctx, a) -> {
            String srv = server(backend, a.getSrv().getName());
            AdminErrors.checkNoFlags(a.getFlags(), "adminServerUpdateTlsFiles");
            backend.updateTlsFiles(srv);
            return EMPTY;
        }));
    }

    private static OptionalLong present(long valueOrMinusOne) {
        return valueOrMinusOne < 0 ? OptionalLong.empty() : OptionalLong.of(valueOrMinusOne);
    }
}
