package org.virtxend.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.virtxend.core.admin.AdminHarness.assertError;
import static org.virtxend.core.admin.AdminProcs.*;

import com.google.protobuf.Empty;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.virtxend.core.protocol.Error;
import org.virtxend.core.protocol.TypedParam;
import org.virtxend.core.protocol.TypedParamValue;
import org.virtxend.core.protocol.Wire;
import org.virtxend.core.protocol.admin.*;
import org.virtxend.core.rpc.Procedure;
import org.virtxend.core.rpc.ProgramBinding;
import org.virtxend.core.xdr.XdrOptions;

/**
 * Every ADMIN procedure through the real dispatcher on a fake backend: what goes back on
 * the wire for good calls and for each of libvirt's errors. Expected codes, domains and
 * texts are those a libvirtd 9.0 admin socket answered with to the same frames.
 */
class AdminProgramTest {
    private final FakeAdminBackend backend = FakeAdminBackend.virtxend()
            .client("virtxend", 8, 1_795_483_726L, false, 1000, "alice", 100, "users", 3210)
            .client("virtxend", 9, 1_795_483_800L, true, 0, "root", 0, "root", 3300)
            .client("admin", 1, 1_795_483_900L, false, 0, "root", 0, "root", 4242);
    private final AdminHarness h = new AdminHarness(backend);

    @AfterEach
    void everyCallAnsweredOnce() {
        assertThat(h.dones).allSatisfy(d -> assertThat(d.get()).as("done runs per frame").isEqualTo(1));
    }

    // ---------------------------------------------------------------- helpers

    private static NonnullServer srv(String name) {
        return NonnullServer.newBuilder().setName(name).build();
    }

    private static NonnullClient clnt(String server, long id) {
        return NonnullClient.newBuilder().setSrv(srv(server)).setId(id).build();
    }

    private static TypedParam uint(String name, long v) {
        return TypedParam.newBuilder().setField(name).setValue(TypedParamValue.newBuilder().setUintValue((int) v)).build();
    }

    private static TypedParam int32(String name, int v) {
        return TypedParam.newBuilder().setField(name).setValue(TypedParamValue.newBuilder().setIntValue(v)).build();
    }

    private static TypedParam str(String name, String v) {
        return TypedParam.newBuilder().setField(name).setValue(TypedParamValue.newBuilder().setStringValue(v)).build();
    }

    private static TypedParam param(String name, TypedParamValue.Builder v) {
        return TypedParam.newBuilder().setField(name).setValue(v).build();
    }

    /** Typed parameters as "name=type:value" for compact assertions. */
    private static List<String> show(List<TypedParam> params) {
        return params.stream().map(p -> p.getField() + "=" + switch (p.getValue().getValueCase()) {
            case INT_VALUE -> "int:" + p.getValue().getIntValue();
            case UINT_VALUE -> "uint:" + Integer.toUnsignedString(p.getValue().getUintValue());
            case BOOLEAN_VALUE -> "boolean:" + p.getValue().getBooleanValue();
            case STRING_VALUE -> "string:" + p.getValue().getStringValue();
            default -> p.getValue().getValueCase().toString();
        }).collect(Collectors.toList());
    }

    private static ServerSetThreadpoolParametersArgs setPool(String server, int flags, TypedParam... params) {
        return ServerSetThreadpoolParametersArgs.newBuilder().setSrv(srv(server)).addAllParams(List.of(params)).setFlags(flags).build();
    }

    private static ServerSetClientLimitsArgs setLimits(String server, int flags, TypedParam... params) {
        return ServerSetClientLimitsArgs.newBuilder().setSrv(srv(server)).addAllParams(List.of(params)).setFlags(flags).build();
    }

    private List<String> pool(AdminTestSession s, String server) {
        ServerGetThreadpoolParametersRet r = h.ok(s, SERVER_GET_THREADPOOL_PARAMETERS,
                ServerGetThreadpoolParametersArgs.newBuilder().setSrv(srv(server)).build());
        return show(r.getParamsList());
    }

    private List<String> limits(AdminTestSession s, String server) {
        ServerGetClientLimitsRet r = h.ok(s, SERVER_GET_CLIENT_LIMITS, ServerGetClientLimitsArgs.newBuilder().setSrv(srv(server)).build());
        return show(r.getParamsList());
    }

    private static void assertFlagsError(Error e, int flags, String function) {
        assertError(e, 8, 62, "unsupported flags (0x" + Integer.toHexString(flags) + ") in function " + function);
    }

    // ---------------------------------------------------------------- schema

    @Test
    void theSchemaIsLibvirts90AdminProgram() {
        var p = AdminHarness.ADMIN;
        assertThat(p.number()).isEqualTo(0x06900690);
        assertThat(p.version()).isEqualTo(1);
        assertThat(p.procedures()).hasSize(19);
        var names = List.of("ConnectOpen", "ConnectClose", "ConnectGetLibVersion", "ConnectListServers",
                "ConnectLookupServer", "ServerGetThreadpoolParameters", "ServerSetThreadpoolParameters",
                "ServerListClients", "ServerLookupClient", "ClientGetInfo", "ClientClose", "ServerGetClientLimits",
                "ServerSetClientLimits", "ConnectGetLoggingOutputs", "ConnectGetLoggingFilters",
                "ConnectSetLoggingOutputs", "ConnectSetLoggingFilters", "ServerUpdateTlsFiles", "ConnectSetDaemonTimeout");
        for (int n = 1; n <= 19; n++) {
            Procedure proc = p.procedure(n);
            assertThat(proc.name()).as("proc %d", n).isEqualTo(names.get(n - 1));
            assertThat(proc.highPriority()).as("%s: admin_protocol.x has no @priority", proc.name()).isFalse();
            boolean setter = List.of(7, 11, 13, 16, 17, 18, 19).contains(n);
            assertThat(proc.readOnlyAllowed()).as("%s readonly", proc.name()).isEqualTo(!setter);
        }
        assertThat(p.procedure(0)).isNull();
        assertThat(p.procedure(20)).isNull();
    }

    @Test
    void theSchemaCarriesLibvirtsBounds() {
        assertThat(max(ConnectListServersRet.getDescriptor(), "servers")).isEqualTo(16384);
        assertThat(max(ServerListClientsRet.getDescriptor(), "clients")).isEqualTo(16384);
        assertThat(max(ServerGetThreadpoolParametersRet.getDescriptor(), "params")).isEqualTo(32);
        assertThat(max(ServerSetThreadpoolParametersArgs.getDescriptor(), "params")).isEqualTo(32);
        assertThat(max(ClientGetInfoRet.getDescriptor(), "params")).isEqualTo(64);
        assertThat(max(ServerGetClientLimitsRet.getDescriptor(), "params")).isEqualTo(32);
        assertThat(max(ServerSetClientLimitsArgs.getDescriptor(), "params")).isEqualTo(32);
        assertThat(max(NonnullServer.getDescriptor(), "name")).isEqualTo(4194304);
        assertThat(max(ConnectLookupServerArgs.getDescriptor(), "name")).isEqualTo(4194304);
        var filters = ConnectGetLoggingFiltersRet.getDescriptor().findFieldByName("filters").getOptions();
        assertThat(filters.getExtension(XdrOptions.optionalPtr)).as("admin_string is a pointer").isTrue();
        var outputs = ConnectGetLoggingOutputsRet.getDescriptor().findFieldByName("outputs").getOptions();
        assertThat(outputs.getExtension(XdrOptions.optionalPtr)).as("admin_nonnull_string").isFalse();
    }

    private static int max(com.google.protobuf.Descriptors.Descriptor d, String field) {
        return d.findFieldByName(field).getOptions().getExtension(XdrOptions.max);
    }

    @Test
    void everyProcedureHasAHandler() {
        ProgramBinding b = AdminProgram.bind(backend);
        for (Procedure p : b.program().procedures()) {
            assertThat(b.handlers().handler(p.number())).as(p.name()).isNotNull();
        }
    }

    // ---------------------------------------------------------------- connection

    @Test
    void callsBeforeOpenAreRefused() {
        var s = new AdminTestSession();
        assertError(h.error(s, CONNECT_GET_LIB_VERSION, null), 1, 7, "internal error: hypervisor connection not open");
        assertError(h.error(s, CONNECT_LIST_SERVERS, ConnectListServersArgs.newBuilder().setNeedResults(1).build()),
                1, 7, "internal error: hypervisor connection not open");
        h.ok(s, CONNECT_OPEN, ConnectOpenArgs.getDefaultInstance());
        assertThat(s.state.isOpen()).isTrue();
        assertThat(s.state.isReadOnly()).isFalse();
        ConnectGetLibVersionRet v = h.ok(s, CONNECT_GET_LIB_VERSION, null);
        assertThat(v.getLibVer()).isEqualTo(9_000_000L);
    }

    @Test
    void openTakesNoFlagsAndMayBeRepeated() {
        var s = new AdminTestSession();
        assertFlagsError(h.error(s, CONNECT_OPEN, ConnectOpenArgs.newBuilder().setFlags(1).build()), 1, "adminDispatchConnectOpen");
        assertThat(s.state.isOpen()).isFalse();
        h.ok(s, CONNECT_OPEN, ConnectOpenArgs.getDefaultInstance());
        // libvirtd's admin socket answers a second open with success
        h.ok(s, CONNECT_OPEN, ConnectOpenArgs.getDefaultInstance());
        assertThat(s.state.isOpen()).isTrue();
    }

    @Test
    void closeRepliesThenClosesTheSocket() {
        var s = h.opened();
        var r = h.call(s, CONNECT_CLOSE, null);
        assertThat(r.ok()).isTrue();
        assertThat(r.payload()).isEmpty();
        assertThat(s.log).containsExactly("send", "send", "closeAfterFlush");
        assertThat(s.state.isOpen()).isFalse();
    }

    @Test
    void closeBeforeOpenIsAnsweredToo() {
        var s = new AdminTestSession();
        assertThat(h.call(s, CONNECT_CLOSE, null).ok()).isTrue();
        assertThat(s.log).containsExactly("send", "closeAfterFlush");
    }

    @Test
    void libVersionIs900() {
        ConnectGetLibVersionRet v = h.ok(h.opened(), CONNECT_GET_LIB_VERSION, null);
        assertThat(v.getLibVer()).isEqualTo(9_000_000L);
    }

    @Test
    void unknownProceduresAndBadPayloads() {
        var s = h.opened();
        assertError(h.error(s, 99, null), 39, 7, "unknown procedure: 99");
        assertError(h.error(s, 0, null), 39, 7, "unknown procedure: 0");
        assertError(h.error(s, 20, null), 39, 7, "unknown procedure: 20");
        // CONNECT_LOOKUP_SERVER without its arguments
        assertError(h.error(s, CONNECT_LOOKUP_SERVER, null), 39, 7, "Unable to decode message payload");
        // a typed parameter of type 9 (no such virTypedParameterType)
        byte[] bad = java.util.HexFormat.of().parseHex("00000008" + "6c69627669727464" // srv "libvirtd"
                + "00000001" + "0000000a" + "6d696e576f726b6572730000" // one param, "minWorkers"
                + "00000009" + "00000003" + "00000000"); // type 9, a value, flags
        var r = h.roundTrip(s, AdminHarness.frame(Wire.ADMIN_PROGRAM, 1, SERVER_SET_THREADPOOL_PARAMETERS, Wire.CALL, 77, Wire.OK, bad));
        assertError(r.error(), 39, 7, "Unable to decode message payload");
    }

    @Test
    void anotherProgramVersionIsUnknown() {
        var s = new AdminTestSession();
        var r = h.roundTrip(s, AdminHarness.frame(Wire.ADMIN_PROGRAM, 2, CONNECT_OPEN, Wire.CALL, 1, Wire.OK,
                AdminHarness.payload(ConnectOpenArgs.getDefaultInstance())));
        assertError(r.error(), 39, 7, "Cannot find program 110102160 version 2");
    }

    // ---------------------------------------------------------------- servers

    @Test
    void srvListNamesVirtxendThenAdmin() {
        var s = h.opened();
        ConnectListServersRet all = h.ok(s, CONNECT_LIST_SERVERS, ConnectListServersArgs.newBuilder().setNeedResults(1).build());
        assertThat(all.getServersList()).extracting(NonnullServer::getName).containsExactly("virtxend", "admin");
        assertThat(all.getRet()).isEqualTo(2);

        ConnectListServersRet count = h.ok(s, CONNECT_LIST_SERVERS, ConnectListServersArgs.getDefaultInstance());
        assertThat(count.getServersList()).isEmpty();
        assertThat(count.getRet()).isEqualTo(2);

        // need_results is a yes/no, not a maximum
        ConnectListServersRet one = h.ok(s, CONNECT_LIST_SERVERS, ConnectListServersArgs.newBuilder().setNeedResults(1).build());
        assertThat(one.getServersCount()).isEqualTo(2);

        assertFlagsError(h.error(s, CONNECT_LIST_SERVERS, ConnectListServersArgs.newBuilder().setNeedResults(1).setFlags(1).build()),
                1, "adminConnectListServers");
    }

    @Test
    void lookupServer() {
        var s = h.opened();
        ConnectLookupServerRet r = h.ok(s, CONNECT_LOOKUP_SERVER, ConnectLookupServerArgs.newBuilder().setName("admin").build());
        assertThat(r.getSrv().getName()).isEqualTo("admin");
        // libvirt checks no flags on this one
        r = h.ok(s, CONNECT_LOOKUP_SERVER, ConnectLookupServerArgs.newBuilder().setName("virtxend").setFlags(7).build());
        assertThat(r.getSrv().getName()).isEqualTo("virtxend");

        assertError(h.error(s, CONNECT_LOOKUP_SERVER, ConnectLookupServerArgs.newBuilder().setName("nosuch").build()),
                95, 7, "Server not found: No server named 'nosuch'");
        assertError(h.error(s, CONNECT_LOOKUP_SERVER, ConnectLookupServerArgs.newBuilder().setName("").build()),
                95, 7, "Server not found: No server named ''");
        assertError(h.error(s, CONNECT_LOOKUP_SERVER, ConnectLookupServerArgs.newBuilder().setName("Admin").build()),
                95, 7, "Server not found: No server named 'Admin'");
    }

    // ---------------------------------------------------------------- thread pool

    @Test
    void threadpoolParametersAreSixUintsInLibvirtsOrder() {
        var s = h.opened();
        assertThat(pool(s, "virtxend")).containsExactly("minWorkers=uint:5", "maxWorkers=uint:20", "nWorkers=uint:5",
                "freeWorkers=uint:5", "prioWorkers=uint:5", "jobQueueDepth=uint:0");
        assertThat(pool(s, "admin")).containsExactly("minWorkers=uint:5", "maxWorkers=uint:20", "nWorkers=uint:5",
                "freeWorkers=uint:5", "prioWorkers=uint:0", "jobQueueDepth=uint:0");
    }

    @Test
    void threadpoolGetErrors() {
        var s = h.opened();
        assertError(h.error(s, SERVER_GET_THREADPOOL_PARAMETERS,
                ServerGetThreadpoolParametersArgs.newBuilder().setSrv(srv("nosuch")).build()),
                95, 7, "Server not found: No server named 'nosuch'");
        assertFlagsError(h.error(s, SERVER_GET_THREADPOOL_PARAMETERS,
                ServerGetThreadpoolParametersArgs.newBuilder().setSrv(srv("virtxend")).setFlags(1).build()),
                1, "adminServerGetThreadPoolParameters");
        // the server is looked up before the flags are checked
        assertError(h.error(s, SERVER_GET_THREADPOOL_PARAMETERS,
                ServerGetThreadpoolParametersArgs.newBuilder().setSrv(srv("nosuch")).setFlags(1).build()),
                95, 7, "Server not found: No server named 'nosuch'");
    }

    @Test
    void threadpoolSetChangesWhatIsGiven() {
        var s = h.opened();
        h.ok(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("virtxend", 0,
                uint("minWorkers", 6), uint("maxWorkers", 25), uint("prioWorkers", 4)));
        assertThat(pool(s, "virtxend")).containsExactly("minWorkers=uint:6", "maxWorkers=uint:25", "nWorkers=uint:6",
                "freeWorkers=uint:6", "prioWorkers=uint:4", "jobQueueDepth=uint:0");
        assertThat(backend.calls).containsExactly("setThreadPool virtxend ThreadPoolUpdate[minWorkers=OptionalLong[6], "
                + "maxWorkers=OptionalLong[25], prioWorkers=OptionalLong[4]]");

        // only what is given changes; an empty list changes nothing and is no error
        h.ok(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("admin", 0, uint("prioWorkers", 3)));
        assertThat(backend.threadPool("admin").prioWorkers()).isEqualTo(3);
        assertThat(backend.threadPool("admin").maxWorkers()).isEqualTo(20);
        h.ok(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("admin", 0));
        assertThat(backend.calls).last().isEqualTo("setThreadPool admin ThreadPoolUpdate[minWorkers=OptionalLong.empty, "
                + "maxWorkers=OptionalLong.empty, prioWorkers=OptionalLong.empty]");
    }

    @Test
    void threadpoolSetTakesTheFullUnsignedRange() {
        var s = h.opened();
        h.ok(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("virtxend", 0, uint("maxWorkers", 4_294_967_295L)));
        assertThat(backend.threadPool("virtxend").maxWorkers()).isEqualTo(4_294_967_295L);
        assertThat(pool(s, "virtxend")).contains("maxWorkers=uint:4294967295");
    }

    @Test
    void threadpoolSetRefusesUnknownServersWithTheHandlersOwnText() {
        var s = h.opened();
        assertError(h.error(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("nosuch", 0)),
                95, 62, "Server not found: no server with matching name 'nosuch' found");
        assertError(h.error(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("nosuch", 7, uint("bogus", 1))),
                95, 62, "Server not found: no server with matching name 'nosuch' found");
        assertThat(backend.calls).isEmpty();
    }

    @Test
    void threadpoolSetChecksInLibvirtsOrder() {
        var s = h.opened();
        String longName = "x".repeat(80);
        // names off the wire first, then flags, then names and types
        assertError(h.error(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("virtxend", 7, uint(longName, 3))),
                1, 0, "internal error: parameter " + longName + " too big for destination");
        assertFlagsError(h.error(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("virtxend", 7, uint("bogus", 3))),
                7, "adminServerSetThreadPoolParameters");
        assertFlagsError(h.error(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("virtxend", 7, uint("minWorkers", 30))),
                7, "adminServerSetThreadPoolParameters");
        assertThat(backend.calls).isEmpty();
    }

    @Test
    void threadpoolSetValidatesNamesAndTypesAsLibvirt() {
        var s = h.opened();
        assertError(h.error(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("virtxend", 0, uint("nWorkers", 3))),
                74, 0, "argument unsupported: parameter 'nWorkers' not supported");
        assertError(h.error(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("virtxend", 0, uint("bogus", 3))),
                74, 0, "argument unsupported: parameter 'bogus' not supported");
        assertError(h.error(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("virtxend", 0, uint("", 3))),
                74, 0, "argument unsupported: parameter '' not supported");
        assertError(h.error(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("virtxend", 0, uint("x".repeat(79), 3))),
                74, 0, "argument unsupported: parameter '" + "x".repeat(79) + "' not supported");
        assertError(h.error(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("virtxend", 0, int32("minWorkers", 3))),
                8, 0, "invalid argument: invalid type 'int' for parameter 'minWorkers', expected 'uint'");
        assertError(h.error(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("virtxend", 0, str("minWorkers", "3"))),
                8, 0, "invalid argument: invalid type 'string' for parameter 'minWorkers', expected 'uint'");
        assertError(h.error(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("virtxend", 0,
                param("minWorkers", TypedParamValue.newBuilder().setUllongValue(3)))),
                8, 0, "invalid argument: invalid type 'ullong' for parameter 'minWorkers', expected 'uint'");
        assertError(h.error(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("virtxend", 0,
                param("minWorkers", TypedParamValue.newBuilder().setLlongValue(3)))),
                8, 0, "invalid argument: invalid type 'llong' for parameter 'minWorkers', expected 'uint'");
        assertError(h.error(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("virtxend", 0,
                param("minWorkers", TypedParamValue.newBuilder().setDoubleValue(3)))),
                8, 0, "invalid argument: invalid type 'double' for parameter 'minWorkers', expected 'uint'");
        assertError(h.error(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("virtxend", 0,
                param("minWorkers", TypedParamValue.newBuilder().setBooleanValue(true)))),
                8, 0, "invalid argument: invalid type 'boolean' for parameter 'minWorkers', expected 'uint'");
        assertError(h.error(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("virtxend", 0, uint("minWorkers", 3), uint("minWorkers", 3))),
                8, 0, "invalid argument: parameter 'minWorkers' occurs multiple times");
        assertThat(backend.calls).isEmpty();
    }

    @Test
    void withSeveralFaultsTheOneReportedFollowsLibvirtsSortedWalk() {
        var s = h.opened();
        // cases answered so by libvirtd 9.0
        assertError(h.error(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("admin", 0, uint("bogus", 3), int32("minWorkers", 3))),
                74, 0, "argument unsupported: parameter 'bogus' not supported");
        assertError(h.error(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("admin", 0, uint("zeta", 3), int32("minWorkers", 3))),
                8, 0, "invalid argument: invalid type 'int' for parameter 'minWorkers', expected 'uint'");
        assertError(h.error(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("admin", 0, uint("Zed", 3), int32("minWorkers", 3))),
                74, 0, "argument unsupported: parameter 'Zed' not supported");
        assertError(h.error(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("admin", 0, uint("zzz", 3), uint("minWorkers", 30))),
                74, 0, "argument unsupported: parameter 'zzz' not supported");
        assertError(h.error(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("admin", 0,
                uint("maxWorkers", 20), uint("aaa", 3), uint("bbb", 3))),
                74, 0, "argument unsupported: parameter 'aaa' not supported");
        assertError(h.error(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("admin", 0,
                uint("prioWorkers", 3), int32("maxWorkers", 3), uint("maxWorkers", 9))),
                8, 0, "invalid argument: invalid type 'int' for parameter 'maxWorkers', expected 'uint'");
        assertError(h.error(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("admin", 0, uint("maxWorkers", 9), int32("maxWorkers", 3))),
                8, 0, "invalid argument: parameter 'maxWorkers' occurs multiple times");
        assertThat(backend.calls).isEmpty();
    }

    @Test
    void threadpoolSetKeepsMinimumAndMaximumConsistent() {
        var s = h.opened();
        assertError(h.error(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("virtxend", 0, uint("minWorkers", 30))),
                8, 0, "invalid argument: minWorkers cannot be larger than maxWorkers");
        assertError(h.error(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("virtxend", 0, uint("maxWorkers", 0))),
                8, 0, "invalid argument: minWorkers cannot be larger than maxWorkers");
        assertError(h.error(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("virtxend", 0, uint("minWorkers", 0), uint("maxWorkers", 0))),
                8, 0, "invalid argument: maxWorkers must not be switched from zero to non-zero and vice versa");
        assertThat(backend.calls).isEmpty();
        assertThat(pool(s, "virtxend")).startsWith("minWorkers=uint:5", "maxWorkers=uint:20");
        // a minimum equal to the maximum is fine
        h.ok(s, SERVER_SET_THREADPOOL_PARAMETERS, setPool("virtxend", 0, uint("minWorkers", 20)));
    }

    @Test
    void threadPoolUpdateChecks() {
        var zeroMax = new ThreadPoolInfo(0, 0, 0, 0, 0, 0);
        new ThreadPoolUpdate(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(9)).checkAgainst(zeroMax);
        new ThreadPoolUpdate(OptionalLong.empty(), OptionalLong.of(0), OptionalLong.empty()).checkAgainst(zeroMax);
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(org.virtxend.core.error.VirtException.class,
                () -> new ThreadPoolUpdate(OptionalLong.empty(), OptionalLong.of(4), OptionalLong.empty()).checkAgainst(zeroMax));
        assertThat(e.getMessage()).isEqualTo("invalid argument: maxWorkers must not be switched from zero to non-zero and vice versa");
        ThreadPoolUpdate.NONE.checkAgainst(new ThreadPoolInfo(5, 20, 5, 5, 5, 0));
    }

    // ---------------------------------------------------------------- client limits

    @Test
    void clientLimitsAreFourUintsInLibvirtsOrder() {
        var s = h.opened();
        assertThat(limits(s, "virtxend")).containsExactly("nclients_max=uint:5000", "nclients=uint:2",
                "nclients_unauth_max=uint:20", "nclients_unauth=uint:0");
        assertThat(limits(s, "admin")).containsExactly("nclients_max=uint:5000", "nclients=uint:1",
                "nclients_unauth_max=uint:0", "nclients_unauth=uint:0");
        assertError(h.error(s, SERVER_GET_CLIENT_LIMITS, ServerGetClientLimitsArgs.newBuilder().setSrv(srv("nosuch")).build()),
                95, 7, "Server not found: No server named 'nosuch'");
        assertFlagsError(h.error(s, SERVER_GET_CLIENT_LIMITS, ServerGetClientLimitsArgs.newBuilder().setSrv(srv("admin")).setFlags(1).build()),
                1, "adminServerGetClientLimits");
    }

    @Test
    void clientLimitsSet() {
        var s = h.opened();
        h.ok(s, SERVER_SET_CLIENT_LIMITS, setLimits("virtxend", 0, uint("nclients_max", 100), uint("nclients_unauth_max", 100)));
        assertThat(limits(s, "virtxend")).containsExactly("nclients_max=uint:100", "nclients=uint:2",
                "nclients_unauth_max=uint:100", "nclients_unauth=uint:0");
        h.ok(s, SERVER_SET_CLIENT_LIMITS, setLimits("virtxend", 0, uint("nclients_unauth_max", 7)));
        assertThat(limits(s, "virtxend")).containsExactly("nclients_max=uint:100", "nclients=uint:2",
                "nclients_unauth_max=uint:7", "nclients_unauth=uint:0");
        h.ok(s, SERVER_SET_CLIENT_LIMITS, setLimits("virtxend", 0));
        assertThat(backend.calls).hasSize(3);
    }

    @Test
    void clientLimitsSetErrors() {
        var s = h.opened();
        assertError(h.error(s, SERVER_SET_CLIENT_LIMITS, setLimits("nosuch", 0)),
                95, 62, "Server not found: no server with matching name 'nosuch' found");
        assertFlagsError(h.error(s, SERVER_SET_CLIENT_LIMITS, setLimits("virtxend", 2)), 2, "adminServerSetClientLimits");
        assertError(h.error(s, SERVER_SET_CLIENT_LIMITS, setLimits("virtxend", 0, uint("nclients", 3))),
                74, 0, "argument unsupported: parameter 'nclients' not supported");
        assertError(h.error(s, SERVER_SET_CLIENT_LIMITS, setLimits("virtxend", 0, int32("nclients_max", 3))),
                8, 0, "invalid argument: invalid type 'int' for parameter 'nclients_max', expected 'uint'");
        // libvirt 9.0's text, which words the rule backwards; raised for either way of breaking it
        String backwards = "invalid argument: The overall maximum number of clients waiting for authentication must not be "
                + "less than the overall maximum number of clients";
        assertError(h.error(s, SERVER_SET_CLIENT_LIMITS, setLimits("virtxend", 0, uint("nclients_max", 10))), 8, 7, backwards);
        assertError(h.error(s, SERVER_SET_CLIENT_LIMITS, setLimits("virtxend", 0, uint("nclients_unauth_max", 6000))), 8, 7, backwards);
        assertThat(backend.calls).isEmpty();
    }

    // ---------------------------------------------------------------- clients

    @Test
    void clientList() {
        var s = h.opened();
        ServerListClientsRet r = h.ok(s, SERVER_LIST_CLIENTS, ServerListClientsArgs.newBuilder().setSrv(srv("virtxend")).setNeedResults(1).build());
        assertThat(r.getRet()).isEqualTo(2);
        assertThat(r.getClientsList()).containsExactly(
                NonnullClient.newBuilder().setSrv(srv("virtxend")).setId(8).setTimestamp(1_795_483_726L).setTransport(0).build(),
                NonnullClient.newBuilder().setSrv(srv("virtxend")).setId(9).setTimestamp(1_795_483_800L).setTransport(0).build());

        ServerListClientsRet count = h.ok(s, SERVER_LIST_CLIENTS, ServerListClientsArgs.newBuilder().setSrv(srv("admin")).build());
        assertThat(count.getClientsList()).isEmpty();
        assertThat(count.getRet()).isEqualTo(1);

        assertError(h.error(s, SERVER_LIST_CLIENTS, ServerListClientsArgs.newBuilder().setSrv(srv("nosuch")).setNeedResults(1).build()),
                95, 7, "Server not found: No server named 'nosuch'");
        assertFlagsError(h.error(s, SERVER_LIST_CLIENTS, ServerListClientsArgs.newBuilder().setSrv(srv("admin")).setNeedResults(1).setFlags(2).build()),
                2, "adminServerListClients");
    }

    @Test
    void clientLookup() {
        var s = h.opened();
        ServerLookupClientRet r = h.ok(s, SERVER_LOOKUP_CLIENT, ServerLookupClientArgs.newBuilder().setSrv(srv("virtxend")).setId(9).build());
        assertThat(r.getClnt()).isEqualTo(NonnullClient.newBuilder().setSrv(srv("virtxend")).setId(9).setTimestamp(1_795_483_800L).build());

        // virt-admin client-info virtxend 1 (BEHAVIOR.md §9)
        assertError(h.error(s, SERVER_LOOKUP_CLIENT, ServerLookupClientArgs.newBuilder().setSrv(srv("virtxend")).setId(1).build()),
                96, 7, "Client not found: No client with matching ID '1'");
        // ids are unsigned hypers
        assertError(h.error(s, SERVER_LOOKUP_CLIENT, ServerLookupClientArgs.newBuilder().setSrv(srv("virtxend")).setId(-1).build()),
                96, 7, "Client not found: No client with matching ID '18446744073709551615'");
        // a client of the other server is not found here
        assertError(h.error(s, SERVER_LOOKUP_CLIENT, ServerLookupClientArgs.newBuilder().setSrv(srv("admin")).setId(8).build()),
                96, 7, "Client not found: No client with matching ID '8'");
        assertError(h.error(s, SERVER_LOOKUP_CLIENT, ServerLookupClientArgs.newBuilder().setSrv(srv("nosuch")).setId(8).build()),
                95, 7, "Server not found: No server named 'nosuch'");
        // flags are checked before the client is looked for
        assertFlagsError(h.error(s, SERVER_LOOKUP_CLIENT, ServerLookupClientArgs.newBuilder().setSrv(srv("virtxend")).setId(12345).setFlags(4).build()),
                4, "adminServerLookupClient");
    }

    @Test
    void clientInfoIsLibvirtsParameterList() {
        var s = h.opened();
        ClientGetInfoRet r = h.ok(s, CLIENT_GET_INFO, ClientGetInfoArgs.newBuilder().setClnt(clnt("virtxend", 8)).build());
        assertThat(show(r.getParamsList())).containsExactly("readonly=boolean:false", "unix_user_id=int:1000",
                "unix_user_name=string:alice", "unix_group_id=int:100", "unix_group_name=string:users", "unix_process_id=int:3210");
        r = h.ok(s, CLIENT_GET_INFO, ClientGetInfoArgs.newBuilder().setClnt(clnt("virtxend", 9).toBuilder().setTimestamp(42).setTransport(2)).build());
        assertThat(show(r.getParamsList())).as("the timestamp and transport sent along do not matter")
                .startsWith("readonly=boolean:true", "unix_user_id=int:0");
    }

    @Test
    void clientInfoLeavesOutWhatIsUnknownAndAddsWhatIsKnown() {
        backend.client("virtxend", AdminClient.unix(20, 1L), new ClientInfo(false, ClientInfo.Identity.unix(4711, null, 4711, null, 77)));
        backend.client("virtxend", AdminClient.unix(21, 1L),
                new ClientInfo(true, new ClientInfo.Identity("bob", 0, "root", 0, "root", 78, "system_u:system_r:virtd_t:s0")));
        var s = h.opened();
        ClientGetInfoRet r = h.ok(s, CLIENT_GET_INFO, ClientGetInfoArgs.newBuilder().setClnt(clnt("virtxend", 20)).build());
        assertThat(show(r.getParamsList())).containsExactly("readonly=boolean:false", "unix_user_id=int:4711",
                "unix_group_id=int:4711", "unix_process_id=int:77");
        r = h.ok(s, CLIENT_GET_INFO, ClientGetInfoArgs.newBuilder().setClnt(clnt("virtxend", 21)).build());
        assertThat(show(r.getParamsList())).containsExactly("readonly=boolean:true", "sasl_user_name=string:bob",
                "unix_user_id=int:0", "unix_user_name=string:root", "unix_group_id=int:0", "unix_group_name=string:root",
                "unix_process_id=int:78", "selinux_context=string:system_u:system_r:virtd_t:s0");
    }

    @Test
    void clientInfoErrors() {
        backend.client("virtxend", AdminClient.unix(30, 1L), new ClientInfo(false, null));
        var s = h.opened();
        assertError(h.error(s, CLIENT_GET_INFO, ClientGetInfoArgs.newBuilder().setClnt(clnt("virtxend", 30)).build()),
                1, 7, "internal error: No identity information available for client");
        assertError(h.error(s, CLIENT_GET_INFO, ClientGetInfoArgs.newBuilder().setClnt(clnt("virtxend", 12345)).build()),
                96, 62, "Client not found: no client with matching id '12345' found");
        assertError(h.error(s, CLIENT_GET_INFO, ClientGetInfoArgs.newBuilder().setClnt(clnt("nosuch", 8)).build()),
                95, 62, "Server not found: no server with matching name 'nosuch' found");
        assertFlagsError(h.error(s, CLIENT_GET_INFO, ClientGetInfoArgs.newBuilder().setClnt(clnt("virtxend", 8)).setFlags(1).build()),
                1, "adminClientGetInfo");
        // the client is looked for before the flags are checked
        assertError(h.error(s, CLIENT_GET_INFO, ClientGetInfoArgs.newBuilder().setClnt(clnt("virtxend", 12345)).setFlags(1).build()),
                96, 62, "Client not found: no client with matching id '12345' found");
    }

    @Test
    void clientClose() {
        var s = h.opened();
        h.ok(s, CLIENT_CLOSE, ClientCloseArgs.newBuilder().setClnt(clnt("virtxend", 8)).build());
        assertThat(backend.calls).containsExactly("closeClient virtxend 8");
        ServerListClientsRet r = h.ok(s, SERVER_LIST_CLIENTS, ServerListClientsArgs.newBuilder().setSrv(srv("virtxend")).setNeedResults(1).build());
        assertThat(r.getClientsList()).extracting(NonnullClient::getId).containsExactly(9L);

        assertError(h.error(s, CLIENT_CLOSE, ClientCloseArgs.newBuilder().setClnt(clnt("virtxend", 8)).build()),
                96, 7, "Client not found: No client with matching ID '8'");
        assertError(h.error(s, CLIENT_CLOSE, ClientCloseArgs.newBuilder().setClnt(clnt("nosuch", 9)).build()),
                95, 7, "Server not found: No server named 'nosuch'");
        assertFlagsError(h.error(s, CLIENT_CLOSE, ClientCloseArgs.newBuilder().setClnt(clnt("virtxend", 9)).setFlags(8).build()),
                8, "adminClientClose");
        assertThat(backend.calls).containsExactly("closeClient virtxend 8");
    }

    @Test
    void aClientThatGoesAwayMeanwhileIsNotFound() {
        var s = h.opened();
        backend.clientsVanish = true;
        assertError(h.error(s, CLIENT_CLOSE, ClientCloseArgs.newBuilder().setClnt(clnt("virtxend", 8)).build()),
                96, 7, "Client not found: No client with matching ID '8'");
        assertError(h.error(s, CLIENT_GET_INFO, ClientGetInfoArgs.newBuilder().setClnt(clnt("virtxend", 8)).build()),
                96, 62, "Client not found: no client with matching id '8' found");
    }

    // ---------------------------------------------------------------- logging, timeout, TLS

    @Test
    void loggingOutputs() {
        var s = h.opened();
        ConnectGetLoggingOutputsRet r = h.ok(s, CONNECT_GET_LOGGING_OUTPUTS, ConnectGetLoggingOutputsArgs.getDefaultInstance());
        assertThat(r.getOutputs()).isEqualTo("3:stderr");
        assertThat(r.getNoutputs()).isEqualTo(1);

        h.ok(s, CONNECT_SET_LOGGING_OUTPUTS, ConnectSetLoggingOutputsArgs.newBuilder().setOutputs("1:stderr 2:file:/var/log/x.log").build());
        r = h.ok(s, CONNECT_GET_LOGGING_OUTPUTS, ConnectGetLoggingOutputsArgs.getDefaultInstance());
        assertThat(r.getOutputs()).isEqualTo("1:stderr 2:file:/var/log/x.log");
        assertThat(r.getNoutputs()).isEqualTo(2);

        h.ok(s, CONNECT_SET_LOGGING_OUTPUTS, ConnectSetLoggingOutputsArgs.getDefaultInstance()); // NULL: back to the default
        assertThat(backend.calls).containsExactly("setLoggingOutputs 1:stderr 2:file:/var/log/x.log", "setLoggingOutputs null");
        assertThat(backend.outputs.text()).isEqualTo("3:stderr");

        assertError(h.error(s, CONNECT_SET_LOGGING_OUTPUTS, ConnectSetLoggingOutputsArgs.newBuilder().setOutputs("junk").build()),
                8, 0, "invalid argument: Malformed format for log output 'junk'");
        assertFlagsError(h.error(s, CONNECT_SET_LOGGING_OUTPUTS, ConnectSetLoggingOutputsArgs.newBuilder().setOutputs("1:stderr").setFlags(4).build()),
                4, "adminConnectSetLoggingOutputs");
        assertFlagsError(h.error(s, CONNECT_GET_LOGGING_OUTPUTS, ConnectGetLoggingOutputsArgs.newBuilder().setFlags(1).build()),
                1, "adminConnectGetLoggingOutputs");
        assertThat(backend.calls).hasSize(3);
        assertThat(backend.threads).as("setting outputs may open files: it runs on a worker")
                .allSatisfy(t -> assertThat(t).startsWith("rpc-admin"));
    }

    @Test
    void loggingFilters() {
        var s = h.opened();
        ConnectGetLoggingFiltersRet r = h.ok(s, CONNECT_GET_LOGGING_FILTERS, ConnectGetLoggingFiltersArgs.getDefaultInstance());
        assertThat(r.hasFilters()).as("no filters travel as a NULL string").isFalse();
        assertThat(r.getNfilters()).isZero();
        assertThat(h.call(s, CONNECT_GET_LOGGING_FILTERS, ConnectGetLoggingFiltersArgs.getDefaultInstance()).payload())
                .isEqualTo(new byte[8]);

        h.ok(s, CONNECT_SET_LOGGING_FILTERS, ConnectSetLoggingFiltersArgs.newBuilder().setFilters("1:foo 2:bar").build());
        r = h.ok(s, CONNECT_GET_LOGGING_FILTERS, ConnectGetLoggingFiltersArgs.getDefaultInstance());
        assertThat(r.getFilters()).isEqualTo("1:*foo* 2:*bar* ");
        assertThat(r.getNfilters()).isEqualTo(2);

        h.ok(s, CONNECT_SET_LOGGING_FILTERS, ConnectSetLoggingFiltersArgs.getDefaultInstance());
        r = h.ok(s, CONNECT_GET_LOGGING_FILTERS, ConnectGetLoggingFiltersArgs.getDefaultInstance());
        assertThat(r.hasFilters()).isFalse();

        assertError(h.error(s, CONNECT_SET_LOGGING_FILTERS, ConnectSetLoggingFiltersArgs.newBuilder().setFilters("bogus").build()),
                8, 0, "invalid argument: Malformed format for filter 'bogus'");
        // flags are checked before the filters are parsed
        assertFlagsError(h.error(s, CONNECT_SET_LOGGING_FILTERS, ConnectSetLoggingFiltersArgs.newBuilder().setFilters("bogus").setFlags(1).build()),
                1, "adminConnectSetLoggingFilters");
        assertFlagsError(h.error(s, CONNECT_GET_LOGGING_FILTERS, ConnectGetLoggingFiltersArgs.newBuilder().setFlags(1).build()),
                1, "adminConnectGetLoggingFilters");
        assertThat(backend.calls).containsExactly("setLoggingFilters 1:foo 2:bar", "setLoggingFilters null", "setLoggingFilters bogus");
    }

    @Test
    void daemonTimeout() {
        var s = h.opened();
        h.ok(s, CONNECT_SET_DAEMON_TIMEOUT, ConnectSetDaemonTimeoutArgs.newBuilder().setTimeout(1000).build());
        assertThat(backend.timeout).isEqualTo(1000L);
        h.ok(s, CONNECT_SET_DAEMON_TIMEOUT, ConnectSetDaemonTimeoutArgs.newBuilder().setTimeout(-1).build());
        assertThat(backend.timeout).as("an unsigned int").isEqualTo(4_294_967_295L);
        h.ok(s, CONNECT_SET_DAEMON_TIMEOUT, ConnectSetDaemonTimeoutArgs.getDefaultInstance());
        assertThat(backend.timeout).isZero();
        assertFlagsError(h.error(s, CONNECT_SET_DAEMON_TIMEOUT, ConnectSetDaemonTimeoutArgs.newBuilder().setTimeout(5).setFlags(1).build()),
                1, "adminConnectSetDaemonTimeout");
        assertThat(backend.timeout).isZero();
    }

    @Test
    void tlsFilesCannotBeUpdatedWithoutATlsListener() {
        var s = h.opened();
        for (String server : List.of("virtxend", "admin")) {
            assertError(h.error(s, SERVER_UPDATE_TLS_FILES, ServerUpdateTlsFilesArgs.newBuilder().setSrv(srv(server)).build()),
                    1, 7, "internal error: no tls service found, unable to update tls files");
        }
        assertError(h.error(s, SERVER_UPDATE_TLS_FILES, ServerUpdateTlsFilesArgs.newBuilder().setSrv(srv("nosuch")).build()),
                95, 7, "Server not found: No server named 'nosuch'");
        assertFlagsError(h.error(s, SERVER_UPDATE_TLS_FILES, ServerUpdateTlsFilesArgs.newBuilder().setSrv(srv("virtxend")).setFlags(1).build()),
                1, "adminServerUpdateTlsFiles");
        assertThat(backend.calls).containsExactly("updateTlsFiles virtxend", "updateTlsFiles admin");
        assertThat(backend.threads).allSatisfy(t -> assertThat(t).startsWith("rpc-admin"));
    }

    // ---------------------------------------------------------------- virt-admin, command by command

    @Test
    void virtAdminCommandsAsBehaviorMdShowsThem() {
        // srv-threadpool-info nosuch
        var s = h.opened();
        assertError(h.error(s, CONNECT_LOOKUP_SERVER, ConnectLookupServerArgs.newBuilder().setName("nosuch").build()),
                95, 7, "Server not found: No server named 'nosuch'");
        assertThat(h.call(s, CONNECT_CLOSE, null).ok()).isTrue();

        // client-disconnect virtxend 8, then client-list virtxend
        var d = h.opened();
        ConnectLookupServerRet srv = h.ok(d, CONNECT_LOOKUP_SERVER, ConnectLookupServerArgs.newBuilder().setName("virtxend").build());
        ServerLookupClientRet c = h.ok(d, SERVER_LOOKUP_CLIENT, ServerLookupClientArgs.newBuilder().setSrv(srv.getSrv()).setId(8).build());
        h.ok(d, CLIENT_CLOSE, ClientCloseArgs.newBuilder().setClnt(c.getClnt()).build());
        ServerListClientsRet left = h.ok(d, SERVER_LIST_CLIENTS, ServerListClientsArgs.newBuilder().setSrv(srv.getSrv()).setNeedResults(1).build());
        assertThat(left.getClientsList()).extracting(NonnullClient::getId).containsExactly(9L);
        assertThat(h.call(d, CONNECT_CLOSE, Empty.getDefaultInstance()).ok()).isTrue();
    }
}
