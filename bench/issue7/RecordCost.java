import org.virtxend.core.remote.RemoteProgram;
import org.virtxend.dist.metrics.DaemonMetrics;

/** ns per DaemonMetrics.callEnded, single thread and 4 threads: the recording cost an RPC pays. */
public class RecordCost {
    public static void main(String[] a) throws Exception {
        var m = new DaemonMetrics();
        var p = RemoteProgram.schema().procedure("DomainLookupByName");
        for (int rep = 0; rep < 5; rep++) {
            long n = 5_000_000;
            long t0 = System.nanoTime();
            for (long i = 0; i < n; i++) {
                m.callEnded(p, 40_000 + (i & 1023), null);
            }
            long t1 = System.nanoTime();
            Thread[] ts = new Thread[4];
            for (int k = 0; k < 4; k++) {
                ts[k] = new Thread(() -> { for (long i = 0; i < n / 4; i++) m.callEnded(p, 40_000 + (i & 1023), null); });
            }
            long t2 = System.nanoTime();
            for (Thread t : ts) t.start();
            for (Thread t : ts) t.join();
            long t3 = System.nanoTime();
            System.out.printf("rep %d: 1 thread %.0f ns/call, 4 threads %.0f ns/call (wall per call)%n", rep,
                    (t1 - t0) / (double) n, (t3 - t2) / (double) n);
        }
    }
}
