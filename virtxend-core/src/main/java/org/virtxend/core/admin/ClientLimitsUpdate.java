package org.virtxend.core.admin;

import java.util.OptionalLong;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/**
 * What SERVER_SET_CLIENT_LIMITS asks to change (nclients_max, nclients_unauth_max);
 * an absent value stays as it is. Values are libvirt's unsigned ints.
 */
public record ClientLimitsUpdate(OptionalLong maxClients, OptionalLong maxUnauthClients) {

    public static final ClientLimitsUpdate NONE = new ClientLimitsUpdate(OptionalLong.empty(), OptionalLong.empty());

    /** libvirt's check: the overall maximum may not fall below the maximum of unauthenticated clients. */
    public void checkAgainst(ClientLimitsInfo current) {
        long max = maxClients.orElse(current.maxClients());
        long maxUnauth = maxUnauthClients.orElse(current.maxUnauthClients());
        if (max < maxUnauth) {
            // libvirt 9.0's wording, which states the rule the wrong way round
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.RPC,
                    "The overall maximum number of clients waiting for authentication must not be less than "
                            + "the overall maximum number of clients");
        }
    }
}
