package org.virtxend.core.sim;

import org.virtxend.core.driver.GuestExit;
import java.io.IOException;
import java.nio.file.Path;
import org.virtxend.core.driver.DomainRef;
import org.virtxend.core.driver.DriverContractFixture;
import org.virtxend.core.event.EventBus;

/** The simulated Xen against the shared driver contract. */
class SimulatedDriverContractTest extends DriverContractFixture<SimulatedDriver> {

    @Override
    protected SimulatedDriver startDriver(Path root, EventBus bus) throws IOException {
        return SimulatedDriver.start(SimFixtures.config(root, new SimFixtures.MutableClock()), bus);
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
