package org.virtxend.core.remote;

import com.google.protobuf.Empty;
import org.virtxend.core.driver.HypervisorDriver;
import org.virtxend.core.protocol.remote.*;
import org.virtxend.core.rpc.HandlerTable;
import reactor.core.publisher.Mono;

/** Listing and looking up domains. */
final class DomainListProcedures {
    private static final int DOMAIN_LIST_MAX = 16384;

    private DomainListProcedures() {
    }

    static void register(HandlerTable t, HypervisorDriver driver) {
        t.on("ConnectListAllDomains", ConnectListAllDomainsArgs.class, (ctx, a) ->
                driver.connectListAllDomains(a.getFlags()).map(list -> {
                    var r = ConnectListAllDomainsRet.newBuilder().setRet(list.size());
                    if (a.getNeedResults() != 0) {
                        list.forEach(d -> r.addDomains(WireMapping.wire(d)));
                    }
                    return r.build();
                }));
        t.on("ConnectListDomains", ConnectListDomainsArgs.class, (ctx, a) -> {
            if (a.getMaxids() > DOMAIN_LIST_MAX) {
                return Mono.error(tooMany("maxids", a.getMaxids()));
            }
            return driver.connectListDomains(a.getMaxids())
                    .map(ids -> ConnectListDomainsRet.newBuilder().addAllIds(ids).build());
        });
        t.on("ConnectNumOfDomains", Empty.class, (ctx, a) -> driver.connectNumOfDomains()
                .map(n -> ConnectNumOfDomainsRet.newBuilder().setNum(n).build()));
        t.on("ConnectListDefinedDomains", ConnectListDefinedDomainsArgs.class, (ctx, a) -> {
            if (a.getMaxnames() > DOMAIN_LIST_MAX) {
                return Mono.error(tooMany("maxnames", a.getMaxnames()));
            }
            return driver.connectListDefinedDomains(a.getMaxnames())
                    .map(names -> ConnectListDefinedDomainsRet.newBuilder().addAllNames(names).build());
        });
        t.on("ConnectNumOfDefinedDomains", Empty.class, (ctx, a) -> driver.connectNumOfDefinedDomains()
                .map(n -> ConnectNumOfDefinedDomainsRet.newBuilder().setNum(n).build()));
        t.on("DomainLookupById", DomainLookupByIdArgs.class, (ctx, a) -> driver.domainLookupByID(a.getId())
                .map(d -> DomainLookupByIdRet.newBuilder().setDom(WireMapping.wire(d)).build()));
        t.on("DomainLookupByUuid", DomainLookupByUuidArgs.class, (ctx, a) ->
                Mono.defer(() -> driver.domainLookupByUUID(WireMapping.uuid(a.getUuid())))
                        .map(d -> DomainLookupByUuidRet.newBuilder().setDom(WireMapping.wire(d)).build()));
        t.on("DomainLookupByName", DomainLookupByNameArgs.class, (ctx, a) -> driver.domainLookupByName(a.getName())
                .map(d -> DomainLookupByNameRet.newBuilder().setDom(WireMapping.wire(d)).build()));
    }

    private static RuntimeException tooMany(String what, int n) {
        return new org.virtxend.core.error.VirtException(org.virtxend.core.error.ErrorCode.RPC,
                org.virtxend.core.error.ErrorDomain.RPC, what + " " + n + " > maximum " + DOMAIN_LIST_MAX);
    }
}
