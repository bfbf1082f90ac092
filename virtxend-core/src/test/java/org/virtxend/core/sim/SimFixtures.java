package org.virtxend.core.sim;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;
import org.virtxend.core.event.EventBus;
import org.virtxend.core.event.EventObserver;
import org.virtxend.core.event.OverflowPolicy;

/** Shared set-up for the simulated driver tests: a fixed host, a hand-driven clock, domain XML. */
public final class SimFixtures {
    /** 16 GiB host, 4 GiB of it Domain-0's: 12 GiB free for guests. */
    public static final long HOST_KIB = 16L * 1024 * 1024;
    public static final long DOM0_KIB = 4L * 1024 * 1024;
    public static final long FREE_KIB = HOST_KIB - DOM0_KIB;
    public static final int HOST_CPUS = 8;
    public static final int HOST_MAX_VCPUS = 128;
    public static final long T0 = 1_700_000_000_000L;
    public static final SimHost HOST = new SimHost("simhost", UUID.fromString("6b1d0c3e-8f5a-4d7e-9a2b-3c4d5e6f7a8b"),
            HOST_CPUS, 1, HOST_CPUS, 1, 2400, HOST_KIB, DOM0_KIB, HOST_MAX_VCPUS);

    private SimFixtures() {
    }

    /** An event bus for a driver under test; close it after the driver. */
    public static EventBus bus() {
        return new EventBus(4096, OverflowPolicy.DROP, EventObserver.NONE);
    }

    public static SimDriverConfig config(Path root, MutableClock clock, Duration guestDelay) {
        return new SimDriverConfig(root.resolve("etc/libvirt/libxl"), root.resolve("run/libvirt/libxl"),
                root.resolve("var/lib/libvirt/libxl/dump"), root.resolve("var/lib/libvirt/libxl/save"), HOST, guestDelay, 4, clock);
    }

    public static SimDriverConfig config(Path root, MutableClock clock) {
        return config(root, clock, Duration.ofMillis(50));
    }

    /** A deterministic uuid per name, so tests can name it before the domain exists. */
    public static UUID uuid(String name) {
        return UUID.nameUUIDFromBytes(("sim-test-" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static String xml(String name, long memoryKiB, int vcpus) {
        return xml(name, uuid(name), memoryKiB, memoryKiB, vcpus, vcpus, "destroy", "restart", "destroy");
    }

    public static String xml(String name, UUID uuid, long maxKiB, long currentKiB, int maxVcpus, int vcpus,
                             String onPoweroff, String onReboot, String onCrash) {
        return "<domain type='xen'>\n"
                + "  <name>" + name + "</name>\n"
                + "  <uuid>" + uuid + "</uuid>\n"
                + "  <memory unit='KiB'>" + maxKiB + "</memory>\n"
                + "  <currentMemory unit='KiB'>" + currentKiB + "</currentMemory>\n"
                + "  <vcpu placement='static'" + (vcpus != maxVcpus ? " current='" + vcpus + "'" : "") + ">" + maxVcpus
                + "</vcpu>\n"
                + "  <bootloader>pygrub</bootloader>\n"
                + "  <os>\n    <type arch='x86_64' machine='xenpv'>linux</type>\n  </os>\n"
                + "  <on_poweroff>" + onPoweroff + "</on_poweroff>\n"
                + "  <on_reboot>" + onReboot + "</on_reboot>\n"
                + "  <on_crash>" + onCrash + "</on_crash>\n"
                + "</domain>\n";
    }

    /** Asserts that {@code call} fails with exactly this libvirt error. */
    public static void fails(ThrowingCallable call, ErrorCode code, ErrorDomain domain, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(VirtException.class, e -> {
            org.assertj.core.api.Assertions.assertThat(e.getMessage()).isEqualTo(message);
            org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(code);
            org.assertj.core.api.Assertions.assertThat(e.domain()).isEqualTo(domain);
        });
    }

    /** Polls until the condition holds; fails after the deadline with {@code what}. */
    public static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** A clock the test moves by hand. */
    public static final class MutableClock extends Clock {
        private final AtomicLong millis;

        public MutableClock(long startMillis) {
            this.millis = new AtomicLong(startMillis);
        }

        public MutableClock() {
            this(T0);
        }

        public void advance(Duration d) {
            millis.addAndGet(d.toMillis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }
}
