package org.virtxend.core.error;

/** libvirt's virErrorDomain values (where an error comes from). */
public enum ErrorDomain {
    NONE(0), XEN(1), DOM(6), RPC(7), CONF(9), DOMAIN(20), SECURITY(24), LIBXL(41), ADMIN(62), XENXL(64);

    private final int number;

    ErrorDomain(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}
