package org.virtxend.dist.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.virtxend.core.event.DomainEvent;
import org.virtxend.core.event.EventObserver;
import org.virtxend.core.rpc.Procedure;
import org.virtxend.core.rpc.RpcObserver;

/** The daemon's meters: the core reports through its observer interfaces, Micrometer counts. */
public final class DaemonMetrics implements RpcObserver, EventObserver {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter published = Counter.builder("virtxend.events.published")
            .description("domain events raised by the driver").register(registry);
    private final Counter delivered = Counter.builder("virtxend.events.delivered")
            .description("event messages handed to subscribers' connections").register(registry);
    private final Counter dropped = Counter.builder("virtxend.events.dropped")
            .description("events a slow subscriber lost because its buffer was full").tag("reason", "slow_consumer")
            .register(registry);
    private final Counter rejected = Counter.builder("virtxend.rpc.rejected")
            .description("calls to unknown programs or procedures").register(registry);

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    @Override
    public void callEnded(Procedure procedure, long nanos, Throwable error) {
        Timer.builder("virtxend.rpc.calls").description("RPC calls served")
                .tag("procedure", procedure.name()).tag("status", error == null ? "ok" : "error")
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void callRejected(int program, int procedure) {
        rejected.increment();
    }

    @Override
    public void published(DomainEvent e) {
        published.increment();
    }

    @Override
    public void delivered(DomainEvent e) {
        delivered.increment();
    }

    @Override
    public void dropped(DomainEvent e) {
        dropped.increment();
    }
}
