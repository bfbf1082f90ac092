package org.virtxend.libxl.driver;

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
import org.virtxend.core.sim.SimFixtures;
import org.virtxend.libxl.config.LibxlJsonConfig;
import org.virtxend.libxl.event.LibxlEvent;
import org.virtxend.libxl.ffm.Libxl;
import org.virtxend.libxl.testing.DoubleControl;
import org.virtxend.libxl.testing.NativeBuild;

/**
 * The libxl driver against the shared driver contract, through the real FFM
 * layer and the C double of libxenlight, with the real XML → JSON converter.
 */
class LibxlDriverContractTest implements DriverContract {
    @TempDir
    Path root;
    final EventBus bus = SimFixtures.bus();
    EventRecorder events;
    LibxlDriver driver;
    DoubleControl control;

    @BeforeEach
    void start() throws IOException {
        events = new EventRecorder(bus);
        Libxl lib = Libxl.load(NativeBuild.libxlDouble());
        DoubleControl.reset(lib);
        driver = LibxlDriver.start(LibxlDriverConfig.under(root), bus, lib, LibxlJsonConfig::toJson);
        control = new DoubleControl(driver.context());
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
        control.guestActs(dom.id(), switch (act) {
            case POWEROFF -> LibxlEvent.REASON_POWEROFF;
            case REBOOT -> LibxlEvent.REASON_REBOOT;
            case CRASH -> LibxlEvent.REASON_CRASH;
        });
    }
}
