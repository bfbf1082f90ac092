package org.virtxend.core.admin;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.virtxend.core.rpc.ClientIdentity;
import org.virtxend.core.rpc.RpcSession;
import org.virtxend.core.rpc.SessionState;

/** An admin-socket {@link RpcSession} that records what the core does with it. */
final class AdminTestSession implements RpcSession {
    private static final AtomicLong IDS = new AtomicLong(500);

    final long id = IDS.incrementAndGet();
    final SessionState state = new SessionState();
    /** Every frame sent, length word included, in order. */
    final List<byte[]> sent = new CopyOnWriteArrayList<>();
    /** "send", "closeAfterFlush", "close", "startKeepalive", in order. */
    final List<String> log = new CopyOnWriteArrayList<>();

    @Override
    public long id() {
        return id;
    }

    @Override
    public ClientIdentity identity() {
        return new ClientIdentity(0, 0, 4242, false); // the admin socket is root's and never read-only
    }

    @Override
    public void send(byte[] frame) {
        sent.add(frame.clone());
        log.add("send");
    }

    @Override
    public void closeAfterFlush() {
        log.add("closeAfterFlush");
    }

    @Override
    public void close() {
        log.add("close");
    }

    @Override
    public void startKeepalive() {
        log.add("startKeepalive");
    }

    @Override
    public SessionState state() {
        return state;
    }

    @Override
    public void onClose(Runnable hook) {
    }

    @Override
    public boolean isWritable() {
        return true;
    }

    @Override
    public void whenWritable(Runnable task) {
        task.run();
    }
}
