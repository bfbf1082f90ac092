package org.virtxend.core.driver;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.virtxend.core.event.DomainEvent;
import org.virtxend.core.event.EventBus;
import org.virtxend.core.event.EventSink;

/** Subscribes to a driver's lifecycle and reboot events and keeps them, in order, for assertions. */
public final class EventRecorder implements EventSink {
    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();

    public EventRecorder(EventBus bus) {
        bus.subscribe(DomainEvent.ID_LIFECYCLE, null, this);
        bus.subscribe(DomainEvent.ID_REBOOT, null, this);
    }

    /** The lifecycle events of one domain as "EVENT/DETAIL" pairs and reboots as "REBOOT". */
    public List<String> of(UUID domain) {
        return events.stream().filter(e -> e.dom().uuid().equals(domain)).map(EventRecorder::text).toList();
    }

    private static String text(DomainEvent e) {
        return switch (e) {
            case DomainEvent.Lifecycle l -> l.event() + "/" + l.detail();
            case DomainEvent.Reboot r -> "REBOOT";
        };
    }

    public List<DomainEvent> all() {
        return List.copyOf(events);
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public void deliver(DomainEvent event) {
        events.add(event);
    }

    @Override
    public void whenReady(Runnable drain) {
        drain.run();
    }

    @Override
    public void disconnect(String why) {
        throw new AssertionError("the test's event recorder was cut off: " + why);
    }
}
