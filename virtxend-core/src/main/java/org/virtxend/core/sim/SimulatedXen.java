package org.virtxend.core.sim;

import org.virtxend.core.driver.GuestExit;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;
import org.virtxend.core.sim.state.SimGuestState;
import org.virtxend.core.sim.state.SimHostState;

/**
 * The simulated hypervisor: guests with domain ids, run states, memory, vCPUs
 * and CPU time, kept in a state file so that they outlive the daemon as real Xen
 * guests do. Guest-side actions (shutdown, reboot, crash) take time and are
 * reported through the exit listener, the way libxl reports a domain's death.
 *
 * <p>Mutations are serialised on this object's monitor; readers use the
 * immutable snapshot published after each mutation and never wait.
 */
public final class SimulatedXen {
    private static final int RUNNING = 1;
    private static final int PAUSED = 2;
    private static final int SHUTTING_DOWN = 3;
    /** Simulated guests use a tenth of each vCPU: CPU time moves visibly (virsh shows tenths of a second) yet plausibly. */
    private static final double CPU_SHARE = 0.10;

    private final SimStateFile file;
    private final SimHost host;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Duration guestActionDelay;
    private final TreeMap<Integer, SimGuestState> guests = new TreeMap<>();
    private volatile Map<Integer, SimGuestState> snapshot = Map.of();
    private volatile GuestExitListener exitListener = (g, e, fromGuest) -> { };
    private int nextDomid = 1;

    public SimulatedXen(Path stateFile, SimHost host, Clock clock, ScheduledExecutorService timer,
                        Duration guestActionDelay) throws IOException {
        this.file = new SimStateFile(stateFile);
        this.host = host;
        this.clock = clock;
        this.timer = timer;
        this.guestActionDelay = guestActionDelay;
        SimHostState saved = file.load();
        if (saved != null) {
            nextDomid = Math.max(1, saved.getNextDomid());
            for (var g : saved.getGuestsList()) {
                guests.put(g.getDomid(), withRunTime(g));
            }
        }
        publish();
    }

    public SimHost host() {
        return host;
    }

    /** Set once by the driver before it uses the hypervisor. */
    public void onGuestExit(GuestExitListener listener) {
        this.exitListener = listener;
    }

    /**
     * Re-arms the timers of guest actions that were under way when the daemon stopped and
     * are not yet due. Those whose time came while the daemon was down are returned instead,
     * for the caller to complete ({@link #completeOverdueAction}) when clients can hear of it.
     */
    public synchronized List<Integer> resumePendingActions() {
        List<Integer> overdue = new ArrayList<>();
        long now = clock.millis();
        for (var g : guests.values()) {
            if (g.getPending() == 0) {
                continue;
            }
            if (g.getPendingAtMs() <= now) {
                overdue.add(g.getDomid());
            } else {
                schedule(g.getDomid(), g.getPendingAtMs() - now);
            }
        }
        return overdue;
    }

    /** Completes a guest action that became due while the daemon was down (a no-op if it is gone). */
    public void completeOverdueAction(int domid) {
        fire(domid);
    }

    public synchronized int createGuest(GuestConfig cfg, boolean paused) {
        long free = freeMemoryKiB();
        if (cfg.memoryKiB() > free) {
            throw new VirtException(ErrorCode.OPERATION_FAILED, ErrorDomain.LIBXL,
                    "failed to get free memory for domain '" + cfg.name() + "': needs " + cfg.memoryKiB()
                            + " KiB, " + free + " KiB free");
        }
        int domid = nextDomid++;
        long now = clock.millis();
        guests.put(domid, SimGuestState.newBuilder()
                .setDomid(domid).setName(cfg.name()).setUuid(cfg.uuid().toString())
                .setRunState(paused ? PAUSED : RUNNING)
                .setMemoryKib(cfg.memoryKiB()).setMaxMemoryKib(cfg.maxMemoryKiB())
                .setVcpus(cfg.vcpus()).setMaxVcpus(cfg.maxVcpus())
                .setRunSinceMs(paused ? 0 : now).setStartedMs(now)
                .build());
        commit();
        return domid;
    }

    public synchronized void pause(int domid) {
        var g = require(domid);
        guests.put(domid, stopClock(g).toBuilder().setRunState(PAUSED).build());
        commit();
    }

    public synchronized void unpause(int domid) {
        var g = require(domid);
        guests.put(domid, g.toBuilder().setRunState(RUNNING).setRunSinceMs(clock.millis()).build());
        commit();
    }

    public synchronized void destroy(int domid) {
        require(domid);
        guests.remove(domid);
        commit();
    }

    /** Renames a guest in place (libvirt's rename-restart keeps the domain running under a new name). */
    public synchronized void rename(int domid, String name) {
        guests.put(domid, require(domid).toBuilder().setName(name).build());
        commit();
    }

    public synchronized void setMemory(int domid, long kib) {
        var g = require(domid);
        long extra = kib - g.getMemoryKib();
        if (extra > freeMemoryKiB()) {
            throw new VirtException(ErrorCode.OPERATION_FAILED, ErrorDomain.LIBXL,
                    "not enough free host memory to balloon domain " + domid + " up to " + kib + " KiB");
        }
        guests.put(domid, g.toBuilder().setMemoryKib(kib).build());
        commit();
    }

    public synchronized void setMaxMemory(int domid, long kib) {
        guests.put(domid, require(domid).toBuilder().setMaxMemoryKib(kib).build());
        commit();
    }

    public synchronized void setVcpus(int domid, int vcpus) {
        var g = stopClock(require(domid));
        var b = g.toBuilder().setVcpus(vcpus);
        if (g.getRunState() == RUNNING) {
            b.setRunSinceMs(clock.millis());
        }
        guests.put(domid, b.build());
        commit();
    }

    /**
     * Asks the guest to do something it takes a moment over (an ACPI power button,
     * a PV shutdown request, a reboot); the exit listener hears when it is done.
     */
    public synchronized void requestGuestAction(int domid, GuestExit action) {
        requestGuestAction(domid, action, guestActionDelay.toMillis(), false);
    }

    /** The guest itself acts (a guest-side poweroff, reboot or crash), after {@code delayMs}. */
    public synchronized void guestActs(int domid, GuestExit action, long delayMs) {
        requestGuestAction(domid, action, delayMs, true);
    }

    private void requestGuestAction(int domid, GuestExit action, long delayMs, boolean fromGuest) {
        var g = require(domid);
        guests.put(domid, g.toBuilder().setPending(action.code()).setPendingAtMs(clock.millis() + delayMs)
                .setPendingFromGuest(fromGuest)
                .setRunState(g.getRunState() == PAUSED ? PAUSED : SHUTTING_DOWN).build());
        commit();
        schedule(domid, delayMs);
    }

    private void schedule(int domid, long delayMs) {
        timer.schedule(() -> fire(domid), delayMs, TimeUnit.MILLISECONDS);
    }

    private void fire(int domid) {
        GuestStatus status;
        GuestExit exit;
        boolean fromGuest;
        synchronized (this) {
            var g = guests.get(domid);
            if (g == null || g.getPending() == 0) {
                return; // destroyed or already handled meanwhile
            }
            if (g.getRunState() == PAUSED) {
                schedule(domid, guestActionDelay.toMillis()); // a paused guest cannot act; try again later
                return;
            }
            var stopped = stopClock(g).toBuilder().setPending(0).setPendingAtMs(0).setPendingFromGuest(false).build();
            guests.put(domid, stopped);
            commit();
            status = status(stopped);
            exit = GuestExit.of(g.getPending());
            fromGuest = g.getPendingFromGuest();
        }
        exitListener.onExit(status, exit, fromGuest);
    }

    public Optional<GuestStatus> guest(int domid) {
        var g = snapshot.get(domid);
        return g == null ? Optional.empty() : Optional.of(status(g));
    }

    public List<GuestStatus> guests() {
        var out = new ArrayList<GuestStatus>();
        for (var g : snapshot.values()) {
            out.add(status(g));
        }
        return out;
    }

    public long freeMemoryKiB() {
        long used = host.dom0MemoryKiB();
        for (var g : snapshot.values()) {
            used += g.getMemoryKib();
        }
        return Math.max(0, host.memoryKiB() - used);
    }

    /** Domain-0's CPU time: the simulation charges it a small steady share since the daemon's host booted. */
    public long dom0CpuTimeNs() {
        return (long) (java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L * 0.01);
    }

    private GuestStatus status(SimGuestState g) {
        long cpu = g.getCpuTimeNs();
        long ran = g.getRunMs();
        if (g.getRunState() != PAUSED && g.getRunSinceMs() > 0) {
            long since = Math.max(0, clock.millis() - g.getRunSinceMs());
            cpu += (long) (since * 1_000_000L * g.getVcpus() * CPU_SHARE);
            ran += since;
        }
        return new GuestStatus(g.getDomid(), g.getName(), UUID.fromString(g.getUuid()), g.getRunState() == PAUSED,
                g.getRunState() == SHUTTING_DOWN, g.getMemoryKib(), g.getMaxMemoryKib(), g.getVcpus(), g.getMaxVcpus(),
                cpu, ran);
    }

    /** Folds the running time into the stored CPU and run times, so that a pause freezes them. */
    private SimGuestState stopClock(SimGuestState g) {
        if (g.getRunState() == PAUSED || g.getRunSinceMs() == 0) {
            return g;
        }
        var now = status(g);
        return g.toBuilder().setCpuTimeNs(now.cpuTimeNs()).setRunMs(now.runningMs()).setRunSinceMs(0).build();
    }

    /** A state file written before run times were kept: the run time the stored CPU time implies. */
    private static SimGuestState withRunTime(SimGuestState g) {
        if (g.getRunMs() != 0 || g.getCpuTimeNs() == 0) {
            return g;
        }
        return g.toBuilder().setRunMs((long) (g.getCpuTimeNs() / (1_000_000L * Math.max(1, g.getVcpus()) * CPU_SHARE))).build();
    }

    private SimGuestState require(int domid) {
        var g = guests.get(domid);
        if (g == null) {
            throw new VirtException(ErrorCode.OPERATION_FAILED, ErrorDomain.LIBXL, "no guest with domid " + domid);
        }
        return g;
    }

    private void commit() {
        publish();
        try {
            file.save(SimHostState.newBuilder().setNextDomid(nextDomid).addAllGuests(guests.values()).build());
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.LIBXL, "cannot save simulated hypervisor state: " + e.getMessage());
        }
    }

    private void publish() {
        snapshot = Map.copyOf(guests);
    }
}
