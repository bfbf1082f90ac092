package org.virtxend.libxl.driver;

import java.io.IOException;
import java.nio.file.Path;
import org.virtxend.core.driver.DomainRef;
import org.virtxend.core.driver.DriverContractFixture;
import org.virtxend.core.event.EventBus;
import org.virtxend.libxl.config.LibxlJsonConfig;
import org.virtxend.libxl.event.LibxlEvent;
import org.virtxend.libxl.ffm.Libxl;
import org.virtxend.libxl.testing.DoubleControl;
import org.virtxend.libxl.testing.NativeBuild;

/**
 * The libxl driver against the shared driver contract, through the real FFM
 * layer and the C double of libxenlight, with the real XML → JSON converter.
 */
class LibxlDriverContractTest extends DriverContractFixture<LibxlDriver> {
    DoubleControl control;

    @Override
    protected LibxlDriver startDriver(Path root, EventBus bus) throws IOException {
        Libxl lib = Libxl.load(NativeBuild.libxlDouble());
        DoubleControl.reset(lib);
        LibxlDriver started = LibxlDriver.start(LibxlDriverConfig.under(root), bus, lib, LibxlJsonConfig::toJson);
        control = new DoubleControl(started.context());
        return started;
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
