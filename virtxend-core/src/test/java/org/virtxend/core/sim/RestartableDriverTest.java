package org.virtxend.core.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.virtxend.core.driver.StateReason;
import org.virtxend.core.event.EventBus;
import org.virtxend.core.sim.SimFixtures.MutableClock;

/** Base of tests that stop and start a driver on the same directories, as a daemon restart does. */
abstract class RestartableDriverTest {
    static final long MEM = 256 * 1024;

    @TempDir
    Path root;
    final MutableClock clock = new MutableClock();
    final EventBus bus = SimFixtures.bus();
    SimDriverConfig config;
    SimulatedDriver d;

    @AfterEach
    void stop() {
        if (d != null) {
            d.close();
        }
        bus.close();
    }

    /** Starts the driver, closing the one before: a daemon restart on the same directories. */
    SimulatedDriver boot() throws IOException {
        if (d != null) {
            d.close();
        }
        if (config == null) {
            config = SimFixtures.config(root, clock, Duration.ofMillis(200));
        }
        d = SimulatedDriver.start(config, bus);
        return d;
    }

    StateReason state(String name) {
        return d.domainGetState(d.domainLookupByName(name).block(), 0).block();
    }
}
