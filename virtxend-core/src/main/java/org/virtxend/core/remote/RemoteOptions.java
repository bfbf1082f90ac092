package org.virtxend.core.remote;

/** Daemon settings the REMOTE program's answers depend on. */
public record RemoteOptions(boolean keepaliveEnabled) {
}
