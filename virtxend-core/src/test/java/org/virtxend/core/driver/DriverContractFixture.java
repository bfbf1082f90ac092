package org.virtxend.core.driver;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.virtxend.core.event.EventBus;
import org.virtxend.core.sim.SimFixtures;

/**
 * The setup every {@link DriverContract} run shares: a fresh driver over an
 * empty temporary root before each test, its event bus and recorder, and both
 * closed after. A driver's contract test only says how to start its driver and
 * how its guest acts by itself.
 */
public abstract class DriverContractFixture<D extends HypervisorDriver> implements DriverContract {
    @TempDir
    protected Path root;
    protected final EventBus bus = SimFixtures.bus();
    protected EventRecorder events;
    protected D driver;

    /** Starts the driver under test with its state under {@code root}, publishing on {@code bus}. */
    protected abstract D startDriver(Path root, EventBus bus) throws IOException;

    @BeforeEach
    protected void startFixture() throws IOException {
        events = new EventRecorder(bus); // before the driver, so that its first events are recorded
        driver = startDriver(root, bus);
    }

    @AfterEach
    protected void stopFixture() {
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
}
