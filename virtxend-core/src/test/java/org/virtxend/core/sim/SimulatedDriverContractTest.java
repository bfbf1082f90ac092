package org.virtxend.core.sim;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.virtxend.core.driver.DomainRef;
import org.virtxend.core.driver.DriverContract;
import org.virtxend.core.driver.EventRecorder;
import org.virtxend.core.driver.HypervisorDriver;
import org.virtxend.core.event.EventBus;

/** The simulated Xen against the shared driver contract. */
class SimulatedDriverContractTest implements DriverContract {
    @TempDir
    Path root;
    final EventBus bus = SimFixtures.bus();
    EventRecorder events;
    SimulatedDriver driver;

    @BeforeEach
    void start() throws IOException {
        events = new EventRecorder(bus);
        driver = SimulatedDriver.start(SimFixtures.config(root, new SimFixtures.MutableClock()), bus);
    }

    @AfterEach
    void stop() {
        driver.close();
        bus.close();
    }

    @Override
    public HypervisorDriver driver() {
        return driver;
    }

    @Override
    public EventRecorder events() {
        return events;
    }

    @Override
    public void guestActs(DomainRef dom, GuestAct act) {
        driver.guestAction(dom, switch (act) {
            case POWEROFF -> GuestExit.POWEROFF;
            case REBOOT -> GuestExit.REBOOT;
            case CRASH -> GuestExit.CRASH;
        }).block();
    }
}
