package org.virtxend.core.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtxend.core.driver.DomainRef;
import org.virtxend.core.event.EventBus;
import org.virtxend.core.protocol.Error;
import org.virtxend.core.protocol.Frames;
import org.virtxend.core.protocol.Header;
import org.virtxend.core.protocol.NonnullDomain;
import org.virtxend.core.protocol.Wire;
import org.virtxend.core.protocol.remote.*;
import org.virtxend.core.remote.RemoteOptions;
import org.virtxend.core.remote.RemoteProgram;
import org.virtxend.core.remote.WireMapping;
import org.virtxend.core.sim.SimFixtures;
import org.virtxend.core.sim.SimulatedDriver;
import org.virtxend.core.xdr.XdrCodec;
import org.virtxend.core.xdr.XdrWriter;
import reactor.core.publisher.Mono;

/**
 * The dispatcher with the real REMOTE program on a simulated Xen driver, driven frame by frame
 * through a scripted session: what goes back on the wire for good calls, bad calls and odd frames.
 */
class DispatcherTest {
    private static final XdrCodec<Error> ERROR = XdrCodec.of(Error.getDefaultInstance());
    private static final int REMOTE = Wire.REMOTE_PROGRAM;
    // REMOTE procedure numbers (remote_protocol.x)
    private static final int OPEN = 1;
    private static final int CLOSE = 2;
    private static final int DEFINE_XML = 11;
    private static final int DESTROY = 12;
    private static final int GET_XML_DESC = 14;
    private static final int GET_INFO = 16;
    private static final int LOOKUP_BY_NAME = 23;
    private static final int CORE_DUMP = 53;
    private static final int GET_HOSTNAME = 59;
    private static final int SUPPORTS_FEATURE = 60;
    private static final int AUTH_LIST = 66;
    private static final long MEM = 256 * 1024;

    @TempDir
    Path root;
    final EventBus bus = SimFixtures.bus();
    SimulatedDriver driver;
    Dispatcher dispatcher;
    final List<AtomicInteger> dones = new CopyOnWriteArrayList<>();
    final Program remote = RemoteProgram.schema();

    @BeforeEach
    void start() throws IOException {
        driver = SimulatedDriver.start(SimFixtures.config(root, new SimFixtures.MutableClock()), bus);
        dispatcher = new Dispatcher(List.of(RemoteProgram.bind(driver, new RemoteOptions(true), bus)), RpcObserver.NONE);
    }

    @AfterEach
    void stop() {
        try {
            assertThat(dones).as("done calls per dispatched frame").allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        } finally {
            driver.close();
            bus.close();
        }
    }

    // ---------------------------------------------------------------- frame helpers

    /** A reply as the client sees it. */
    record Reply(Header header, byte[] payload) {
        Error error() {
            assertThat(header.getStatus()).as("status").isEqualTo(Wire.ERROR);
            return ERROR.decode(payload);
        }

        @SuppressWarnings("unchecked")
        <T extends Message> T ret(Program p) {
            assertThat(header.getStatus()).as("status (error: %s)", header.getStatus() == Wire.ERROR
                    ? ERROR.decode(payload).getMessage() : "none").isEqualTo(Wire.OK);
            return (T) p.procedure(header.getProc()).ret().decode(payload);
        }
    }

    private static byte[] frame(int prog, int vers, int proc, int type, int serial, int status, byte[] payload) {
        Header h = Header.newBuilder().setProg(prog).setVers(vers).setProc(proc).setType(type).setSerial(serial)
                .setStatus(status).build();
        return Frames.encodeRaw(h, payload);
    }

    @SuppressWarnings("unchecked")
    private static <M extends Message> byte[] payload(M args) {
        if (args == null) {
            return new byte[0];
        }
        return XdrCodec.of((M) args.getDefaultInstanceForType()).encode(args);
    }

    private static byte[] callFrame(int proc, int serial, Message args) {
        return frame(REMOTE, 1, proc, Wire.CALL, serial, Wire.OK, payload(args));
    }

    /** Hands one frame (length word stripped) to the dispatcher; returns its done counter. */
    private AtomicInteger dispatch(RpcSession s, byte[] frame) {
        assertThat(ByteBuffer.wrap(frame).getInt()).isEqualTo(frame.length);
        var done = new AtomicInteger();
        dones.add(done);
        dispatcher.dispatch(s, ByteBuffer.wrap(frame, 4, frame.length - 4), done::incrementAndGet);
        return done;
    }

    private static void awaitDone(AtomicInteger done) {
        SimFixtures.await("done", () -> done.get() > 0);
    }

    /** Dispatches a frame that must be answered with exactly one frame, and decodes that frame. */
    private Reply roundTrip(ScriptedSession s, byte[] frame) {
        int before = s.sent.size();
        AtomicInteger done = dispatch(s, frame);
        awaitDone(done);
        assertThat(s.sent).as("frames sent for one call").hasSize(before + 1);
        byte[] out = s.sent.get(before);
        assertThat(ByteBuffer.wrap(out).getInt()).as("length word").isEqualTo(out.length);
        ByteBuffer body = ByteBuffer.wrap(out, 4, out.length - 4);
        Header h = Frames.readHeader(body);
        return new Reply(h, Arrays.copyOfRange(out, 28, out.length));
    }

    private Reply call(ScriptedSession s, int proc, int serial, Message args) {
        Reply r = roundTrip(s, callFrame(proc, serial, args));
        assertThat(r.header().getProg()).isEqualTo(REMOTE);
        assertThat(r.header().getVers()).isEqualTo(1);
        assertThat(r.header().getProc()).isEqualTo(proc);
        assertThat(r.header().getType()).isEqualTo(Wire.REPLY);
        assertThat(r.header().getSerial()).isEqualTo(serial);
        return r;
    }

    private static ConnectOpenArgs openArgs(String uri, int flags) {
        var b = ConnectOpenArgs.newBuilder().setFlags(flags);
        if (uri != null) {
            b.setName(uri);
        }
        return b.build();
    }

    private void open(ScriptedSession s, int flags) {
        Reply r = call(s, OPEN, 2, openArgs("xen:///system", flags));
        assertThat(r.header().getStatus()).isEqualTo(Wire.OK);
        assertThat(r.payload()).isEmpty();
    }

    private static ConnectSupportsFeatureArgs feature(int f) {
        return ConnectSupportsFeatureArgs.newBuilder().setFeature(f).build();
    }

    private int supports(ScriptedSession s, int f) {
        ConnectSupportsFeatureRet r = call(s, SUPPORTS_FEATURE, 100 + f, feature(f)).ret(remote);
        return r.getSupported();
    }

    private static void assertError(Error e, int code, int domain, String message) {
        assertThat(e.getCode()).as("code").isEqualTo(code);
        assertThat(e.getDomain()).as("domain").isEqualTo(domain);
        assertThat(e.getMessage()).as("message").isEqualTo(message);
        assertThat(e.getLevel()).as("level").isEqualTo(2);
        assertThat(e.hasDom()).isFalse();
        assertThat(e.getInt1()).isEqualTo(-1);
        assertThat(e.getInt2()).isEqualTo(-1);
        assertThat(e.hasNet()).isFalse();
    }

    private NonnullDomain defineDirectly(String name) {
        DomainRef ref = driver.domainDefineXMLFlags(SimFixtures.xml(name, MEM, 1), 0).block();
        return WireMapping.wire(ref);
    }

    // ---------------------------------------------------------------- programs and procedures

    @Test
    void unknownProgramOrVersionIsAnRpcError() {
        var s = new ScriptedSession();
        Reply r = roundTrip(s, frame(0x12345678, 1, 1, Wire.CALL, 7, Wire.OK, new byte[0]));
        assertThat(r.header()).isEqualTo(Frames.header(0x12345678, 1, Wire.REPLY, 7, Wire.ERROR));
        assertError(r.error(), 39, 7, "Cannot find program 305419896 version 1");
        assertThat(r.error().getStr1()).isEqualTo("Cannot find program 305419896 version 1");

        Reply v2 = roundTrip(s, frame(REMOTE, 2, OPEN, Wire.CALL, 8, Wire.OK, payload(openArgs("xen:///system", 0))));
        assertThat(v2.header().getProc()).isEqualTo(OPEN);
        assertThat(v2.header().getSerial()).isEqualTo(8);
        assertError(v2.error(), 39, 7, "Cannot find program 536903814 version 2");
        assertThat(s.state.isOpen()).isFalse();
    }

    @Test
    void theUnknownVersionReplyEchoesTheVersion() {
        var s = new ScriptedSession();
        Reply v2 = roundTrip(s, frame(REMOTE, 2, OPEN, Wire.CALL, 8, Wire.OK, payload(openArgs("xen:///system", 0))));
        assertThat(v2.header()).isEqualTo(Header.newBuilder().setProg(REMOTE).setVers(2).setProc(OPEN)
                .setType(Wire.REPLY).setSerial(8).setStatus(Wire.ERROR).build());
    }

    @Test
    void unknownProcedureBeforeAndAfterOpen() {
        var s = new ScriptedSession();
        Error before = call(s, 9999, 0, null).error();
        assertError(before, 39, 7, "unknown procedure: 9999");
        assertThat(before.getStr1()).isEqualTo("unknown procedure: 9999");
        assertThat(before.hasStr2()).isFalse();
        assertThat(before.hasStr3()).isFalse();

        open(s, 0);
        assertError(call(s, 9999, 3, null).error(), 39, 7, "unknown procedure: 9999");
        assertError(call(s, -5, 4, null).error(), 39, 7, "unknown procedure: -5");
        // a number libvirt's REMOTE program has but that is not served for Xen (DOMAIN_MIGRATE_FINISH)
        assertThat(remote.procedure(36)).isNull();
        assertError(call(s, 36, 5, null).error(), 39, 7, "unknown procedure: 36");
    }

    @Test
    void callsBeforeOpenAreRefusedExceptTheHandshake() {
        var s = new ScriptedSession();
        assertError(call(s, GET_HOSTNAME, 0, null).error(), 1, 7, "internal error: hypervisor connection not open");
        assertError(call(s, LOOKUP_BY_NAME, 1, DomainLookupByNameArgs.newBuilder().setName("x").build()).error(), 1, 7,
                "internal error: hypervisor connection not open");

        AuthListRet auth = call(s, AUTH_LIST, 2, null).ret(remote);
        assertThat(auth.getTypesList()).containsExactly(0);

        open(s, 0);
        ConnectGetHostnameRet host = call(s, GET_HOSTNAME, 3, null).ret(remote);
        assertThat(host.getHostname()).isEqualTo("simhost");
    }

    @Test
    void keepaliveFeatureIsAnsweredBeforeOpenAndStartsKeepalive() {
        var s = new ScriptedSession();
        assertThat(supports(s, 10)).isEqualTo(1);
        assertThat(s.keepaliveStarts.get()).isEqualTo(1);
        assertThat(s.log).containsExactly("startKeepalive", "send");

        // any other feature needs an open connection
        assertError(call(s, SUPPORTS_FEATURE, 5, feature(14)).error(), 1, 7, "internal error: hypervisor connection not open");
        assertThat(s.keepaliveStarts.get()).isEqualTo(1);
    }

    @Test
    void keepaliveFeatureIsRefusedWhenKeepaliveIsOff() {
        var quiet = new Dispatcher(List.of(RemoteProgram.bind(driver, new RemoteOptions(false), bus)), RpcObserver.NONE);
        var s = new ScriptedSession();
        ConnectSupportsFeatureRet r = viaOther(quiet, s, callFrame(SUPPORTS_FEATURE, 11, feature(10))).ret(remote);
        assertThat(r.getSupported()).isZero();
        assertThat(s.keepaliveStarts.get()).isZero();
    }

    @Test
    void featuresAfterOpen() {
        var s = new ScriptedSession();
        open(s, 0);
        assertThat(supports(s, 14)).as("REMOTE_EVENT_CALLBACK").isEqualTo(1);
        assertThat(supports(s, 15)).as("REMOTE_CLOSE_CALLBACK").isEqualTo(1);
        assertThat(supports(s, 9)).as("TYPED_PARAM_STRING").isEqualTo(1);
        assertThat(supports(s, 8)).as("FD_PASSING: no procedure here passes descriptors").isZero();
        assertThat(supports(s, 2)).as("REMOTE").isZero();
        assertThat(supports(s, 999)).isZero();
        assertThat(supports(s, 10)).as("PROGRAM_KEEPALIVE").isEqualTo(1);
        assertThat(s.keepaliveStarts.get()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- CONNECT_OPEN

    @Test
    void openMarksTheSessionOpenWithTheUri() {
        var s = new ScriptedSession();
        open(s, 0);
        assertThat(s.state.isOpen()).isTrue();
        assertThat(s.state.uri()).isEqualTo("xen:///system");
        assertThat(s.state.isReadOnly()).isFalse();
    }

    @Test
    void openWithoutAUriMeansTheDefault() {
        var absent = new ScriptedSession();
        assertThat(call(absent, OPEN, 1, openArgs(null, 0)).header().getStatus()).isEqualTo(Wire.OK);
        assertThat(absent.state.uri()).isEqualTo("xen:///system");

        var empty = new ScriptedSession();
        assertThat(call(empty, OPEN, 1, openArgs("", 0)).header().getStatus()).isEqualTo(Wire.OK);
        assertThat(empty.state.uri()).isEqualTo("xen:///system");

        var slash = new ScriptedSession();
        assertThat(call(slash, OPEN, 1, openArgs("xen:///", 0)).header().getStatus()).isEqualTo(Wire.OK);
        assertThat(slash.state.uri()).isEqualTo("xen:///");
    }

    @Test
    void aSecondOpenIsRefused() {
        var s = new ScriptedSession();
        open(s, 0);
        assertError(call(s, OPEN, 3, openArgs("xen:///system", 1)).error(), 1, 7, "internal error: connection already open");
        assertThat(s.state.isOpen()).isTrue();
        assertThat(s.state.isReadOnly()).isFalse();
    }

    @Test
    void openOfAnotherDriversUriIsRefused() {
        var s = new ScriptedSession();
        Error test = call(s, OPEN, 0, openArgs("test:///default", 0)).error();
        assertThat(test.getCode()).isEqualTo(5);
        assertThat(test.getDomain()).isEqualTo(0);
        assertThat(test.getMessage()).endsWith("no connection driver available for test:///default");
        Error remoteHost = call(s, OPEN, 1, openArgs("xen://otherhost/system", 0)).error();
        assertThat(remoteHost.getCode()).isEqualTo(5);
        assertThat(remoteHost.getMessage()).endsWith("no connection driver available for xen://otherhost/system");
        assertThat(s.state.isOpen()).isFalse();
        // the client may try again with a URI we serve
        open(s, 0);
        assertThat(s.state.isOpen()).isTrue();
    }

    @Test
    void openOfAnotherDriversUriHasLibvirtsExactText() {
        var s = new ScriptedSession();
        assertError(call(s, OPEN, 0, openArgs("test:///default", 0)).error(), 5, 0,
                "no connection driver available for test:///default");
        assertError(call(s, OPEN, 1, openArgs("xen://otherhost/system", 0)).error(), 5, 0,
                "no connection driver available for xen://otherhost/system");
    }

    @Test
    void openOfTheSessionPathIsRefusedNamingThePath() {
        var s = new ScriptedSession();
        assertError(call(s, OPEN, 0, openArgs("xen:///session", 0)).error(), 1, 41,
                "internal error: unexpected Xen URI path '/session', try xen:///system");
        assertThat(s.state.isOpen()).isFalse();
    }

    // ---------------------------------------------------------------- payloads

    @Test
    void aTruncatedPayloadIsADecodeError() {
        var s = new ScriptedSession();
        byte[] openPayload = payload(openArgs("xen:///system", 0));
        byte[] cut = Arrays.copyOf(openPayload, openPayload.length - 4); // flags missing
        assertError(roundTrip(s, frame(REMOTE, 1, OPEN, Wire.CALL, 0, Wire.OK, cut)).error(), 39, 7,
                "Unable to decode message payload");
        assertThat(s.state.isOpen()).isFalse();

        open(s, 0);
        // a string whose length word promises more than the frame holds
        byte[] lying = new XdrWriter().writeInt(100).writeInt(0x41414141).toByteArray();
        Reply r = roundTrip(s, frame(REMOTE, 1, LOOKUP_BY_NAME, Wire.CALL, 9, Wire.OK, lying));
        assertThat(r.header().getSerial()).isEqualTo(9);
        assertError(r.error(), 39, 7, "Unable to decode message payload");
        // no payload at all where an int is expected
        assertError(roundTrip(s, frame(REMOTE, 1, SUPPORTS_FEATURE, Wire.CALL, 10, Wire.OK, new byte[0])).error(), 39, 7,
                "Unable to decode message payload");
    }

    @Test
    void surplusBytesAfterTheArgumentsAreAccepted() {
        var s = new ScriptedSession();
        byte[] p = payload(feature(10));
        byte[] longer = Arrays.copyOf(p, p.length + 4);
        ConnectSupportsFeatureRet r = roundTrip(s, frame(REMOTE, 1, SUPPORTS_FEATURE, Wire.CALL, 1, Wire.OK, longer))
                .ret(remote);
        assertThat(r.getSupported()).isEqualTo(1);
    }

    @Test
    void thePayloadIsDecodedBeforeTheConnectionIsChecked() {
        var s = new ScriptedSession();
        assertError(roundTrip(s, frame(REMOTE, 1, GET_INFO, Wire.CALL, 0, Wire.OK, new byte[] {0, 0})).error(), 39, 7,
                "Unable to decode message payload");
        open(s, 1);
        assertError(roundTrip(s, frame(REMOTE, 1, DEFINE_XML, Wire.CALL, 1, Wire.OK, new byte[] {0, 0})).error(), 39, 7,
                "Unable to decode message payload");
    }

    @Test
    void aCallWithAnErrorStatusIsRefused() {
        var s = new ScriptedSession();
        Reply r = roundTrip(s, frame(REMOTE, 1, AUTH_LIST, Wire.CALL, 3, Wire.ERROR, new byte[0]));
        assertError(r.error(), 39, 7, "Unexpected message status 1");
    }

    // ---------------------------------------------------------------- unsupported procedures

    @Test
    void aKnownProcedureWithoutHandlerIsNoSupport() {
        var s = new ScriptedSession();
        open(s, 0);
        NonnullDomain dom = defineDirectly("vm1");

        int schedType = remote.procedure("DomainGetSchedulerType").number();
        Error sched = call(s, schedType, 4, DomainGetSchedulerTypeArgs.newBuilder().setDom(dom).build()).error();
        assertError(sched, 3, 20, "this function is not supported by the connection driver: virDomainGetSchedulerType");
        assertThat(sched.getStr2()).isEqualTo("virDomainGetSchedulerType");

        Error dump = call(s, CORE_DUMP, 5, DomainCoreDumpArgs.newBuilder().setDom(dom).setTo("/tmp/x").build()).error();
        assertError(dump, 3, 20, "this function is not supported by the connection driver: virDomainCoreDump");
        assertThat(dump.getStr2()).isEqualTo("virDomainCoreDump");
    }

    // ---------------------------------------------------------------- read-only connections

    private void assertReadOnlyRefusesWritesButAllowsReads(ScriptedSession s) {
        NonnullDomain dom = defineDirectly("vm1");
        String xml = SimFixtures.xml("vm2", MEM, 1);
        Error define = call(s, DEFINE_XML, 10, DomainDefineXmlArgs.newBuilder().setXml(xml).build()).error();
        assertError(define, 29, 20, "operation forbidden: read only access prevents virDomainDefineXML");
        Error destroy = call(s, DESTROY, 11, DomainDestroyArgs.newBuilder().setDom(dom).build()).error();
        assertError(destroy, 29, 20, "operation forbidden: read only access prevents virDomainDestroy");
        Error secure = call(s, GET_XML_DESC, 12, DomainGetXmlDescArgs.newBuilder().setDom(dom).setFlags(1).build()).error();
        assertError(secure, 29, 20, "operation forbidden: read only access prevents virDomainGetXMLDesc with secure flag");

        DomainLookupByNameRet found = call(s, LOOKUP_BY_NAME, 13, DomainLookupByNameArgs.newBuilder().setName("vm1").build())
                .ret(remote);
        assertThat(found.getDom()).isEqualTo(dom);
        DomainGetInfoRet info = call(s, GET_INFO, 14, DomainGetInfoArgs.newBuilder().setDom(dom).build()).ret(remote);
        assertThat(info).isEqualTo(DomainGetInfoRet.newBuilder().setState(5).setMaxMem(MEM).setMemory(MEM)
                .setNrVirtCpu(1).setCpuTime(0).build());
        assertThat(driver.connectListAllDomains(0).block()).extracting(DomainRef::name).containsExactly("Domain-0", "vm1");
    }

    @Test
    void readOnlyOpenRefusesWritesButAllowsReads() {
        var s = new ScriptedSession();
        open(s, 1);
        assertThat(s.state.isReadOnly()).isTrue();
        assertReadOnlyRefusesWritesButAllowsReads(s);
    }

    @Test
    void theReadOnlySocketForcesReadOnlyEvenWithoutTheFlag() {
        var s = new ScriptedSession(new ClientIdentity(1000, 1000, 4242, true));
        open(s, 0);
        assertThat(s.state.isReadOnly()).isTrue();
        assertReadOnlyRefusesWritesButAllowsReads(s);
    }

    @Test
    void aReadWriteConnectionMayDefine() {
        var s = new ScriptedSession();
        open(s, 0);
        DomainDefineXmlRet r = call(s, DEFINE_XML, 3, DomainDefineXmlArgs.newBuilder()
                .setXml(SimFixtures.xml("vm2", MEM, 1)).build()).ret(remote);
        assertThat(r.getDom().getName()).isEqualTo("vm2");
        assertThat(r.getDom().getId()).isEqualTo(-1);
        assertThat(WireMapping.uuid(r.getDom().getUuid())).isEqualTo(SimFixtures.uuid("vm2"));
    }

    @Test
    void driverErrorsTravelWithTheirCodeAndDomain() {
        var s = new ScriptedSession();
        open(s, 0);
        Error e = call(s, LOOKUP_BY_NAME, 3, DomainLookupByNameArgs.newBuilder().setName("nosuch").build()).error();
        assertError(e, 42, 41, "Domain not found: no domain with matching name 'nosuch'");
    }

    // ---------------------------------------------------------------- keepalive and odd frames

    @Test
    void pingIsAnsweredWithExactlyThePongFrame() {
        var s = new ScriptedSession();
        byte[] ping = Frames.encode(Frames.header(Wire.KEEPALIVE_PROGRAM, 1, Wire.MESSAGE, 0, Wire.OK), null, null);
        assertThat(HexFormat.of().formatHex(ping)).isEqualTo("0000001c6b65657000000001000000010000000200000000" + "00000000");

        AtomicInteger done = dispatch(s, ping);
        assertThat(done.get()).isEqualTo(1);
        assertThat(s.sent).hasSize(1);
        assertThat(HexFormat.of().formatHex(s.sent.get(0)))
                .isEqualTo("0000001c" + "6b656570" + "00000001" + "00000002" + "00000002" + "00000000" + "00000000");

        open(s, 0); // also after open, and it changes nothing in the session
        dispatch(s, ping);
        assertThat(HexFormat.of().formatHex(s.sent.get(s.sent.size() - 1)))
                .isEqualTo("0000001c6b65657000000001000000020000000200000000" + "00000000");
        assertThat(s.keepaliveStarts.get()).isZero();
        assertThat(s.state.isOpen()).isTrue();
    }

    @Test
    void pongAndUnknownKeepaliveProceduresAreNotAnswered() {
        var s = new ScriptedSession();
        AtomicInteger pong = dispatch(s, Frames.encode(Frames.header(Wire.KEEPALIVE_PROGRAM, 2, Wire.MESSAGE, 0, Wire.OK),
                null, null));
        AtomicInteger other = dispatch(s, Frames.encode(Frames.header(Wire.KEEPALIVE_PROGRAM, 3, Wire.MESSAGE, 0, Wire.OK),
                null, null));
        assertThat(pong.get()).isEqualTo(1);
        assertThat(other.get()).isEqualTo(1);
        assertThat(s.sent).isEmpty();
    }

    @Test
    void repliesStreamsAndMessagesFromTheClientAreIgnored() {
        var s = new ScriptedSession();
        for (int type : new int[] {Wire.REPLY, Wire.MESSAGE, Wire.STREAM}) {
            AtomicInteger done = dispatch(s, frame(REMOTE, 1, OPEN, type, 5, Wire.OK, payload(openArgs("xen:///system", 0))));
            assertThat(done.get()).as("type %d", type).isEqualTo(1);
        }
        AtomicInteger unknownProgramReply = dispatch(s, frame(0x12345678, 1, 1, Wire.REPLY, 6, Wire.OK, new byte[0]));
        assertThat(unknownProgramReply.get()).isEqualTo(1);
        assertThat(s.sent).isEmpty();
        assertThat(s.state.isOpen()).isFalse();
    }

    @Test
    void aFrameTooShortForAHeaderIsDroppedQuietly() {
        var s = new ScriptedSession();
        var done = new AtomicInteger();
        dones.add(done);
        dispatcher.dispatch(s, ByteBuffer.wrap(new byte[] {0, 0, 0, 1, 0, 0}), done::incrementAndGet);
        assertThat(done.get()).isEqualTo(1);
        assertThat(s.sent).isEmpty();
    }

    // ---------------------------------------------------------------- CONNECT_CLOSE

    @Test
    void closeRepliesAndThenClosesTheConnection() {
        var s = new ScriptedSession();
        open(s, 0);
        s.log.clear();

        Reply r = call(s, CLOSE, 7, null);
        assertThat(r.header().getStatus()).isEqualTo(Wire.OK);
        assertThat(r.payload()).isEmpty();
        assertThat(s.state.isOpen()).isFalse();
        assertThat(s.closeAfterFlush.get()).isEqualTo(1);
        assertThat(s.closes.get()).isZero();
        assertThat(s.log).containsExactlyInAnyOrder("send", "closeAfterFlush");
    }

    @Test
    void closeQueuesTheReplyBeforeTheClose() {
        var s = new ScriptedSession();
        open(s, 0);
        s.log.clear();
        call(s, CLOSE, 7, null);
        assertThat(s.log).containsExactly("send", "closeAfterFlush");
    }

    // ---------------------------------------------------------------- serials, procedures, done

    @Test
    void repliesEchoSerialAndProcedureForEveryOutcome() {
        var s = new ScriptedSession();
        int[] serials = {0, 1, 0x7fffffff, 0x80000000, 0xffffffff};
        for (int serial : serials) {
            assertThat(call(s, AUTH_LIST, serial, null).header()).isEqualTo(
                    Frames.header(REMOTE, AUTH_LIST, Wire.REPLY, serial, Wire.OK));
            assertThat(call(s, GET_HOSTNAME, serial, null).header()).isEqualTo(
                    Frames.header(REMOTE, GET_HOSTNAME, Wire.REPLY, serial, Wire.ERROR));
            assertThat(call(s, 4242, serial, null).header()).isEqualTo(
                    Frames.header(REMOTE, 4242, Wire.REPLY, serial, Wire.ERROR));
        }
        open(s, 0);
        NonnullDomain dom = defineDirectly("vm1");
        // a call served on a worker thread (domain start) echoes too
        Reply started = call(s, 196, 0xdeadbeef, DomainCreateWithFlagsArgs.newBuilder().setDom(dom).build());
        assertThat(started.header()).isEqualTo(Frames.header(REMOTE, 196, Wire.REPLY, 0xdeadbeef, Wire.OK));
        DomainCreateWithFlagsRet ret = started.ret(remote);
        assertThat(ret.getDom().getId()).isEqualTo(1);
        // the same serial twice is answered twice (libvirtd keeps no duplicate check)
        assertThat(call(s, AUTH_LIST, 5, null).header().getSerial()).isEqualTo(5);
        assertThat(call(s, AUTH_LIST, 5, null).header().getSerial()).isEqualTo(5);
    }

    @Test
    void doneRunsOnceForCallsFinishedOnAWorker() {
        var s = new ScriptedSession();
        open(s, 0);
        NonnullDomain dom = defineDirectly("vm1");
        AtomicInteger done = dispatch(s, callFrame(9, 3, DomainCreateArgs.newBuilder().setDom(dom).build()));
        awaitDone(done);
        assertThat(s.sent).hasSize(2);
        // and a failing worker call: starting it again
        AtomicInteger again = dispatch(s, callFrame(9, 4, DomainCreateArgs.newBuilder().setDom(dom).build()));
        awaitDone(again);
        assertThat(s.sent).hasSize(3);
        Error e = ERROR.decode(Arrays.copyOfRange(s.sent.get(2), 28, s.sent.get(2).length));
        assertError(e, 55, 41, "Requested operation is not valid: Domain is already running");
    }

    // ---------------------------------------------------------------- handlers that misbehave

    private Dispatcher withHostnameHandler(ProcedureHandler<Empty, ConnectGetHostnameRet> handler, RpcObserver observer) {
        var table = new HandlerTable(remote);
        table.on("ConnectGetHostname", Empty.class, handler);
        return new Dispatcher(List.of(new ProgramBinding(table, java.util.Set.of("ConnectGetHostname"))), observer);
    }

    /** Dispatches one frame through another dispatcher; the session must not have been used before. */
    private Reply viaOther(Dispatcher other, ScriptedSession s, byte[] f) {
        var done = new AtomicInteger();
        dones.add(done);
        other.dispatch(s, ByteBuffer.wrap(f, 4, f.length - 4), done::incrementAndGet);
        awaitDone(done);
        assertThat(s.sent).hasSize(1);
        byte[] out = s.sent.get(0);
        return new Reply(Frames.readHeader(ByteBuffer.wrap(out, 4, out.length - 4)), Arrays.copyOfRange(out, 28, out.length));
    }

    @Test
    void aHandlerThatThrowsIsAnsweredWithAnInternalError() {
        var s = new ScriptedSession();
        Reply r = viaOther(withHostnameHandler((ctx, a) -> {
            throw new IllegalStateException("boom");
        }, RpcObserver.NONE), s, callFrame(GET_HOSTNAME, 11, null));
        assertThat(r.header()).isEqualTo(Frames.header(REMOTE, GET_HOSTNAME, Wire.REPLY, 11, Wire.ERROR));
        assertError(r.error(), 1, 7, "internal error: java.lang.IllegalStateException: boom");
    }

    @Test
    void aHandlerThatFailsItsMonoIsAnsweredWithAnInternalError() {
        var s = new ScriptedSession();
        Reply r = viaOther(withHostnameHandler((ctx, a) -> Mono.error(new ArithmeticException("x")), RpcObserver.NONE),
                s, callFrame(GET_HOSTNAME, 11, null));
        assertError(r.error(), 1, 7, "internal error: java.lang.ArithmeticException: x");
    }

    @Test
    void aHandlerThatCompletesEmptyStillGetsAnAnswer() {
        var s = new ScriptedSession();
        Reply r = viaOther(withHostnameHandler((ctx, a) -> Mono.empty(), RpcObserver.NONE), s, callFrame(GET_HOSTNAME, 11, null));
        assertThat(r.header().getStatus()).isEqualTo(Wire.ERROR);
        assertThat(r.error().getCode()).isEqualTo(1);
    }

    @Test
    void theObserverHearsEveryCallAndEveryRejection() {
        var ended = new CopyOnWriteArrayList<String>();
        var rejected = new CopyOnWriteArrayList<String>();
        var observer = new RpcObserver() {
            @Override
            public void callEnded(Procedure procedure, long nanos, Throwable error) {
                ended.add(procedure.name() + (error == null ? "" : " failed"));
            }

            @Override
            public void callRejected(int program, int procedure) {
                rejected.add(Integer.toHexString(program) + "/" + procedure);
            }
        };
        var other = new Dispatcher(List.of(RemoteProgram.bind(driver, new RemoteOptions(true), bus)), observer);
        var s = new ScriptedSession();
        for (byte[] f : List.of(callFrame(AUTH_LIST, 0, null), callFrame(GET_HOSTNAME, 1, null), callFrame(9999, 2, null),
                frame(0x12345678, 1, 1, Wire.CALL, 3, Wire.OK, new byte[0]))) {
            var done = new AtomicInteger();
            dones.add(done);
            other.dispatch(s, ByteBuffer.wrap(f, 4, f.length - 4), done::incrementAndGet);
            awaitDone(done);
        }
        assertThat(ended).containsExactly("AuthList", "ConnectGetHostname failed");
        assertThat(rejected).containsExactly("20008086/9999", "12345678/1");
        assertThat(s.sent).hasSize(4);
    }

    @Test
    void keepaliveStartIsNotRepeatedByOtherCalls() {
        var s = new ScriptedSession();
        supports(s, 10);
        open(s, 0);
        call(s, AUTH_LIST, 9, null);
        assertThat(s.keepaliveStarts.get()).isEqualTo(1);
    }
}
