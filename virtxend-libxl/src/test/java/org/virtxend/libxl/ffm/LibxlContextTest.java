package org.virtxend.libxl.ffm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.VirtException;
import org.virtxend.libxl.event.LibxlEvent;
import org.virtxend.libxl.testing.DoubleControl;
import org.virtxend.libxl.testing.NativeBuild;

/** The binding against the C double: real downcalls, upcalls, layouts, hooks and the poll thread. */
class LibxlContextTest {
    private static final UUID U = UUID.fromString("0b6e3c52-6d1f-4a8e-9c1b-2f3a4b5c6d7e");

    final LinkedBlockingQueue<LibxlEvent> events = new LinkedBlockingQueue<>();
    final ExecutorService completions = Executors.newFixedThreadPool(2);
    LibxlContext ctx;
    DoubleControl control;

    @BeforeEach
    void open() {
        Libxl lib = Libxl.load(NativeBuild.libxlDouble());
        DoubleControl.reset(lib);
        ctx = LibxlContext.open(lib, events::add, completions);
        control = new DoubleControl(ctx);
    }

    @AfterEach
    void close() {
        ctx.close();
        completions.shutdownNow();
    }

    static String json(String name, long kib, int vcpus) {
        return "{\"c_info\": {\"type\": \"pv\", \"name\": \"" + name + "\", \"uuid\": \"" + U + "\"},"
                + " \"b_info\": {\"max_vcpus\": " + vcpus + ", \"avail_vcpus\": [0], \"max_memkb\": " + kib
                + ", \"target_memkb\": " + kib + "}}";
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void hostFactsComeThroughTheJavaLayouts() {
        var v = ctx.version();
        assertThat(v.major()).isEqualTo(4);
        assertThat(v.minor()).isEqualTo(17);
        assertThat(v.number()).isEqualTo(4_017_007L);
        assertThat(v.capabilities()).contains("hvm-3.0-x86_64");
        var p = ctx.physinfo();
        assertThat(p.nrCpus()).isEqualTo(8);
        assertThat(p.cpuKhz()).isEqualTo(2_400_000);
        assertThat(LibxlContext.pagesToKiB(p.totalPages())).isEqualTo(16L * 1024 * 1024);
        assertThat(p.capHvm()).isTrue();
        assertThat(ctx.listDomains()).singleElement().satisfies(d -> {
            assertThat(d.domid()).isZero();
            assertThat(d.currentMemKiB()).isEqualTo(4L * 1024 * 1024);
            assertThat(d.vcpuOnline()).isEqualTo(4);
        });
    }

    @Test
    void childProcessesAreReapedSelectivelyAndTheWakeFdIsWatched() {
        assertThat(control.stat(DoubleControl.STAT_CHILD_MODE)).isEqualTo(LibxlContext.CHILD_SELECTIVE_REAP);
        assertThat(ctx.eventLoop().fdRegistrations()).isEqualTo(1);
    }

    @Test
    void asyncCreateCompletesThroughAFireNowTimeout() throws Exception {
        long before = control.stat(DoubleControl.STAT_FIRED_NOW);
        int domid = await(ctx.createNew(json("guest", 262144, 2)));
        assertThat(domid).isPositive();
        assertThat(control.stat(DoubleControl.STAT_FIRED_NOW)).isEqualTo(before + 1);
        var info = ctx.domainInfo(domid).orElseThrow();
        assertThat(info.uuid()).isEqualTo(U);
        assertThat(info.paused()).as("libxl leaves a new domain paused").isTrue();
        assertThat(info.maxMemKiB()).isEqualTo(262144);
        assertThat(info.vcpuOnline()).isEqualTo(1);
        await(ctx.unpause(domid));
        assertThat(ctx.domainInfo(domid).orElseThrow().running()).isTrue();
        assertThat(ctx.asyncOps().inFlight()).isZero();
        assertThat(ctx.eventLoop().timeoutRegistrations()).isZero();
    }

    @Test
    void aShutdownRequestIsAnsweredByAShutdownEventAfterATimedTimeout() throws Exception {
        int domid = await(ctx.createNew(json("guest", 262144, 1)));
        ctx.enableDeathEvents(domid, 77);
        long fired = ctx.eventLoop().timeoutsFired();
        long asked = System.nanoTime();
        await(ctx.shutdown(domid));
        LibxlEvent e = events.poll(10, TimeUnit.SECONDS);
        assertThat(e).isEqualTo(new LibxlEvent(LibxlEvent.DOMAIN_SHUTDOWN, domid, 77, LibxlEvent.REASON_POWEROFF));
        // the guest acts through a timeout 30 ms out: never fired before its time
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked)).isGreaterThanOrEqualTo(30);
        assertThat(ctx.eventLoop().timeoutsFired()).as("the ao and the guest's delay").isGreaterThanOrEqualTo(fired + 2);
        await(ctx.destroy(domid));
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo(new LibxlEvent(LibxlEvent.DOMAIN_DEATH, domid, 77, -1));
        assertThat(ctx.domainInfo(domid)).isEmpty();
    }

    @Test
    void deathEventsWatchAnFdThatIsRegisteredModifiedAndDeregistered() throws Exception {
        int domid = await(ctx.createNew(json("guest", 262144, 1)));
        long evgen = ctx.enableDeathEvents(domid, 1);
        assertThat(ctx.eventLoop().fdRegistrations()).isEqualTo(2);
        ctx.disableDeathEvents(evgen);
        assertThat(ctx.eventLoop().fdRegistrations()).isEqualTo(1);
        assertThat(control.stat(DoubleControl.STAT_STALE)).isZero();
    }

    @Test
    void aCrashArrivesThroughTheWatchedFd() throws Exception {
        int domid = await(ctx.createNew(json("guest", 262144, 1)));
        ctx.enableDeathEvents(domid, 5);
        control.guestActs(domid, LibxlEvent.REASON_CRASH);
        assertThat(events.poll(10, TimeUnit.SECONDS))
                .isEqualTo(new LibxlEvent(LibxlEvent.DOMAIN_SHUTDOWN, domid, 5, LibxlEvent.REASON_CRASH));
        assertThat(control.stat(DoubleControl.STAT_FD_REPORTS)).isPositive();
    }

    @Test
    void errorsBecomeLibvirtErrorsWithLibxlsMessage() throws Exception {
        assertThatThrownBy(() -> await(ctx.pause(4242))).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NO_DOMAIN);
            assertThat(e.getMessage()).contains("libxl_domain_pause failed: DOMAIN_NOTFOUND (-21)");
        });
        int domid = await(ctx.createNew(json("guest", 262144, 1)));
        assertThatThrownBy(() -> ctx.setMemoryTarget(domid, 999_999_999L)).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG);
            assertThat(e.getMessage()).contains("memory target 999999999 KiB is outside 0..262144");
        });
        control.failNext("libxl_domain_create_new", LibxlError.NOMEM);
        assertThatThrownBy(() -> ctx.createNew(json("other", 1024, 1))).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.getMessage()).contains("libxl_domain_create_new failed: NOMEM (-5): "
                        + "libxl_domain_create_new: injected failure -5"));
        assertThat(ctx.asyncOps().inFlight()).isZero();
    }

    @Test
    void vcpusGoOnlineAsynchronously() throws Exception {
        int domid = await(ctx.createNew(json("guest", 262144, 4)));
        await(ctx.setVcpusOnline(domid, 3));
        assertThat(ctx.domainInfo(domid).orElseThrow().vcpuOnline()).isEqualTo(3);
        assertThatThrownBy(() -> ctx.setVcpusOnline(domid, 5)).isInstanceOf(VirtException.class);
    }

    @Test
    void closingDeregistersTheFdsAndStopsThePoller() {
        var loop = ctx.eventLoop();
        ctx.close();
        assertThat(loop.fdRegistrations()).isZero();
        assertThatThrownBy(ctx::physinfo).isInstanceOf(VirtException.class);
    }
}
