package org.virtxend.dist.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.virtxend.core.error.VirtException;
import org.virtxend.core.event.DomainEvent;
import org.virtxend.core.event.EventObserver;
import org.virtxend.core.rpc.Procedure;
import org.virtxend.core.rpc.RpcObserver;
import org.virtxend.core.rpc.WorkerPoolStats;

/**
 * The daemon's meters: the core reports through its observer interfaces, Micrometer counts.
 * Names follow Prometheus conventions once rendered (base units, {@code _total} on counters,
 * {@code _seconds} on timers).
 */
public final class DaemonMetrics implements RpcObserver, EventObserver {
    /** Few fixed buckets: a histogram per procedure and outcome stays a small scrape. */
    private static final Duration[] CALL_BUCKETS = {Duration.ofNanos(50_000), Duration.ofNanos(200_000),
            Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100),
            Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter published;
    private final Counter delivered;
    private final Counter dropped;
    private final Counter rejected;
    /** Meters looked up per call: a map hit instead of Micrometer's builder and registry lookup. */
    private final ConcurrentHashMap<CallKey, Timer> callTimers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> errorCounters = new ConcurrentHashMap<>();
    /** Micrometer holds gauge sources weakly: these must live as long as the registry. */
    private final java.util.List<Object> gaugeSources = new java.util.concurrent.CopyOnWriteArrayList<>();

    private record CallKey(Procedure procedure, boolean ok) {
    }

    public DaemonMetrics() {
        // names promtool's lint rejects: a unit abbreviation (_ns) and a gauge ending in _count
        registry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time")));
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
            }
        });
        published = Counter.builder("virtxend.events.published")
                .description("domain events raised by the driver").register(registry);
        delivered = Counter.builder("virtxend.events.delivered")
                .description("event messages handed to subscribers' connections").register(registry);
        dropped = Counter.builder("virtxend.events.dropped")
                .description("events a slow subscriber lost because its buffer was full").tag("reason", "slow_consumer")
                .register(registry);
        rejected = Counter.builder("virtxend.rpc.rejected")
                .description("calls to unknown programs or procedures").register(registry);
    }

    /** JVM and process meters: bound only when metrics are served (they cost start-up time). */
    public void bindJvmAndProcess() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    /** A gauge with one tag, e.g. clients per socket. */
    public void gauge(String name, String description, String tag, String tagValue, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).tag(tag, tagValue).register(registry);
    }

    /** A monotonic count kept elsewhere (read at scrape time), exposed as a counter. */
    public <T> void counter(String name, String description, T source, ToDoubleFunction<T> value) {
        gaugeSources.add(source);
        io.micrometer.core.instrument.FunctionCounter.builder(name, source, value).description(description).register(registry);
    }

    /**
     * Worker pools: threads, busy and queued per pool, read from {@code stats} at each scrape.
     * Pools are found by name at registration; a pool that appears later is not shown.
     */
    public void workerPools(WorkerPoolStats stats) {
        gaugeSources.add(stats);
        for (var pool : stats.pools()) {
            String name = pool.name();
            poolGauge(stats, name, "virtxend.worker.pool.threads", "threads of the worker pool", WorkerPoolStats.Pool::threads);
            poolGauge(stats, name, "virtxend.worker.pool.busy", "workers running a call", WorkerPoolStats.Pool::busy);
            poolGauge(stats, name, "virtxend.worker.pool.queued", "calls waiting for a worker", WorkerPoolStats.Pool::queued);
        }
    }

    private void poolGauge(WorkerPoolStats stats, String pool, String name, String description,
                           ToDoubleFunction<WorkerPoolStats.Pool> value) {
        Gauge.builder(name, stats, s -> s.pools().stream().filter(p -> p.name().equals(pool)).findFirst()
                        .map(value::applyAsDouble).orElse(Double.NaN))
                .description(description).tag("pool", pool).register(registry);
    }

    @Override
    public void callEnded(Procedure procedure, long nanos, Throwable error) {
        callTimers.computeIfAbsent(new CallKey(procedure, error == null), k -> Timer.builder("virtxend.rpc.calls")
                        .description("RPC calls served, by program, procedure and outcome")
                        .tag("program", k.procedure().method().getService().getName().toLowerCase(Locale.ROOT))
                        .tag("procedure", k.procedure().name())
                        .tag("outcome", k.ok() ? "ok" : "error")
                        .serviceLevelObjectives(CALL_BUCKETS)
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
        if (error != null) {
            String code = error instanceof VirtException v ? v.code().name() : "INTERNAL_ERROR";
            errorCounters.computeIfAbsent(code, c -> Counter.builder("virtxend.rpc.errors")
                    .description("calls answered with an error, by libvirt error code").tag("code", c)
                    .register(registry)).increment();
        }
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
