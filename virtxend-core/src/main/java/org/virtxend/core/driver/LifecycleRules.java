package org.virtxend.core.driver;

import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/**
 * libvirt's refusals on defining, starting and changing a domain, the same for
 * every driver; each runs before the driver changes anything.
 */
public final class LifecycleRules {
    private LifecycleRules() {
    }

    /** Domain-0 is the host itself: it cannot be resized, stopped, undefined and so on. */
    public static void refuseDom0(DomainSnapshot v, String verb) {
        if (v.id() == 0) {
            throw VirtException.invalid("Domain-0 cannot be " + verb);
        }
    }

    /**
     * Refuses a new definition whose uuid belongs to a domain of another name, or
     * whose name belongs to a domain of another uuid.
     *
     * @param byUuid the domain with the definition's uuid, or null
     * @param byName the domain with the definition's name, or null
     */
    public static void refuseClash(DomainDefinition def, DomainSnapshot byUuid, DomainSnapshot byName) {
        if (byUuid != null && !byUuid.name().equals(def.name())) {
            throw failed("domain '" + byUuid.name() + "' is already defined with uuid " + def.uuid());
        }
        if (byName != null && !byName.uuid().equals(def.uuid())) {
            throw failed("domain '" + def.name() + "' already exists with uuid " + byName.uuid());
        }
    }

    /** A start of a domain that already runs (virDomainCreate). */
    public static void refuseRunning(DomainSnapshot v) {
        if (v.active()) {
            throw VirtException.invalid("Domain is already running");
        }
    }

    /** A start with a one-off definition of a domain that already runs (virDomainCreateXML). */
    public static void refuseActive(DomainSnapshot v, DomainDefinition def) {
        if (v.active()) {
            throw VirtException.invalid("domain '" + def.name() + "' is already active");
        }
    }

    private static VirtException failed(String detail) {
        return new VirtException(ErrorCode.OPERATION_FAILED, ErrorDomain.LIBXL, detail);
    }
}
