package org.virtxend.core.xdr;

/** Bytes that do not decode as the expected XDR layout (truncated, over a bound, bad discriminant). */
public final class XdrException extends RuntimeException {
    public XdrException(String message) {
        super(message);
    }
}
