package org.virtxend.core.remote;

import com.google.protobuf.Empty;
import org.virtxend.core.driver.HypervisorDriver;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;
import org.virtxend.core.protocol.remote.*;
import org.virtxend.core.rpc.CallContext;
import org.virtxend.core.rpc.HandlerTable;
import org.virtxend.core.rpc.WireErrors;
import reactor.core.publisher.Mono;

/** Connection set-up and connection-wide queries. */
final class ConnectProcedures {
    /** virDrvFeature numbers (libvirt_internal.h). */
    static final int FEATURE_PROGRAM_KEEPALIVE = 10;
    static final int FEATURE_TYPED_PARAM_STRING = 9;
    static final int FEATURE_REMOTE_EVENT_CALLBACK = 14;
    static final int FEATURE_REMOTE_CLOSE_CALLBACK = 15;
    /** AUTH_NONE: local UNIX sockets rely on file permissions and peer credentials. */
    private static final int AUTH_NONE = 0;
    /** The libvirt API level we speak (9.0.0), for clients that ask. */
    static final long LIB_VERSION = 9_000_000L;

    private final HypervisorDriver driver;
    private final RemoteOptions options;

    private ConnectProcedures(HypervisorDriver driver, RemoteOptions options) {
        this.driver = driver;
        this.options = options;
    }

    static void register(HandlerTable t, HypervisorDriver driver, RemoteOptions options) {
        var p = new ConnectProcedures(driver, options);
        // the answer "none" completes authentication: the client stops counting as anonymous
        t.on("AuthList", Empty.class, (ctx, a) -> {
            ctx.session().authenticated();
            return Mono.just(AuthListRet.newBuilder().addTypes(AUTH_NONE).build());
        });
        t.on("ConnectSupportsFeature", ConnectSupportsFeatureArgs.class, p::supportsFeature);
        t.on("ConnectOpen", ConnectOpenArgs.class, p::open);
        t.on("ConnectClose", Empty.class, p::close);
        t.on("ConnectRegisterCloseCallback", Empty.class, (ctx, a) -> Mono.just(Empty.getDefaultInstance()));
        t.on("ConnectUnregisterCloseCallback", Empty.class, (ctx, a) -> Mono.just(Empty.getDefaultInstance()));
        t.on("ConnectGetType", Empty.class, (ctx, a) -> driver.connectGetType()
                .map(s -> ConnectGetTypeRet.newBuilder().setType(s).build()));
        t.on("ConnectGetVersion", Empty.class, (ctx, a) -> driver.connectGetVersion()
                .map(v -> ConnectGetVersionRet.newBuilder().setHvVer(v).build()));
        t.on("ConnectGetLibVersion", Empty.class, (ctx, a) ->
                Mono.just(ConnectGetLibVersionRet.newBuilder().setLibVer(LIB_VERSION).build()));
        t.on("ConnectGetHostname", Empty.class, (ctx, a) -> driver.connectGetHostname()
                .map(s -> ConnectGetHostnameRet.newBuilder().setHostname(s).build()));
        t.on("ConnectGetSysinfo", ConnectGetSysinfoArgs.class, (ctx, a) -> driver.connectGetSysinfo(a.getFlags())
                .map(s -> ConnectGetSysinfoRet.newBuilder().setSysinfo(s).build()));
        t.on("ConnectGetMaxVcpus", ConnectGetMaxVcpusArgs.class, (ctx, a) ->
                driver.connectGetMaxVcpus(a.hasType() ? a.getType() : null)
                        .map(n -> ConnectGetMaxVcpusRet.newBuilder().setMaxVcpus(n).build()));
        t.on("ConnectGetCapabilities", Empty.class, (ctx, a) -> driver.connectGetCapabilities()
                .map(s -> ConnectGetCapabilitiesRet.newBuilder().setCapabilities(s).build()));
        t.on("ConnectDomainXmlToNative", ConnectDomainXmlToNativeArgs.class, (ctx, a) ->
                driver.connectDomainXMLToNative(a.getNativeFormat(), a.getDomainXml(), a.getFlags())
                        .map(s -> ConnectDomainXmlToNativeRet.newBuilder().setNativeConfig(s).build()));
        t.on("ConnectDomainXmlFromNative", ConnectDomainXmlFromNativeArgs.class, (ctx, a) ->
                driver.connectDomainXMLFromNative(a.getNativeFormat(), a.getNativeConfig(), a.getFlags())
                        .map(s -> ConnectDomainXmlFromNativeRet.newBuilder().setDomainXml(s).build()));
        // a local UNIX socket is both secure and unencrypted, as libvirt reports it
        t.on("ConnectIsSecure", Empty.class, (ctx, a) ->
                Mono.just(ConnectIsSecureRet.newBuilder().setSecure(1).build()));
    }

    private Mono<ConnectSupportsFeatureRet> supportsFeature(CallContext ctx, ConnectSupportsFeatureArgs a) {
        int f = a.getFeature();
        if (f == FEATURE_PROGRAM_KEEPALIVE) {
            // answering yes is what turns keepalive on for both sides
            boolean on = options.keepaliveEnabled();
            if (on) {
                ctx.session().startKeepalive();
            }
            return Mono.just(supported(on));
        }
        if (!ctx.state().isOpen()) {
            return Mono.error(WireErrors.notOpen());
        }
        boolean yes = switch (f) {
            case FEATURE_TYPED_PARAM_STRING, FEATURE_REMOTE_CLOSE_CALLBACK, FEATURE_REMOTE_EVENT_CALLBACK -> true;
            default -> false;
        };
        return Mono.just(supported(yes));
    }

    private static ConnectSupportsFeatureRet supported(boolean yes) {
        return ConnectSupportsFeatureRet.newBuilder().setSupported(yes ? 1 : 0).build();
    }

    private Mono<Empty> open(CallContext ctx, ConnectOpenArgs a) {
        if (ctx.state().isOpen()) {
            return Mono.error(VirtException.verbatim(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC,
                    "internal error: connection already open"));
        }
        String uri = a.hasName() ? a.getName() : "";
        try {
            XenUri.check(uri);
        } catch (VirtException e) {
            return Mono.error(e);
        }
        boolean readOnly = (a.getFlags() & 1) != 0 || ctx.session().identity().readOnlySocket();
        ctx.session().authenticated(); // a client that skipped AUTH_LIST: with "none" there is nothing to wait for
        return driver.connectOpen(uri, readOnly)
                .then(Mono.fromSupplier(() -> {
                    ctx.state().markOpen(uri.isEmpty() ? XenUri.DEFAULT : uri, readOnly);
                    return Empty.getDefaultInstance();
                }));
    }

    private Mono<Empty> close(CallContext ctx, Empty a) {
        ctx.state().markClosed();
        DomainEventProcedures.closeSession(ctx);
        ctx.state().requestClose(); // libvirtd closes the socket once the reply to CONNECT_CLOSE is out
        return Mono.just(Empty.getDefaultInstance());
    }
}
