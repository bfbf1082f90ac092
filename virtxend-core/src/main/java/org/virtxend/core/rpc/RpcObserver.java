package org.virtxend.core.rpc;

/** What the dispatcher reports for metrics; the daemon plugs Micrometer in behind it. */
public interface RpcObserver {
    RpcObserver NONE = new RpcObserver() { };

    default void callEnded(Procedure procedure, long nanos, Throwable error) {
    }

    default void callRejected(int program, int procedure) {
    }
}
