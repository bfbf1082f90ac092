package org.virtxend.core.rpc;

import java.util.List;

/**
 * The worker pools as the metrics see them: whoever owns the pools answers, the metrics read
 * it at each scrape. Answers must be cheap and must not wait (counters read as they are).
 */
public interface WorkerPoolStats {
    WorkerPoolStats NONE = List::of;

    /** One pool: its threads now, how many run a call, how many calls wait for a thread. */
    record Pool(String name, long threads, long busy, long queued) {
    }

    List<Pool> pools();
}
