package dev.coffer.api.notify;

import dev.coffer.api.jobs.Job;
import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.NotificationEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job that delivers the outbox (kind {@code notify}): per target, its events oldest first, one
 * at a time; a delivered batch leaves the outbox by one command (66). A target that fails is not
 * tried again before its backoff (doubling from {@code retry-min} to {@code retry-max}), and its
 * later events wait behind the one that failed, so each key's events arrive in order. Nothing of
 * this runs on the request path: a request only writes its event rows in its own batch.
 *
 * <p>At least once: an event delivered and then lost to a kill -9 before its removal committed is
 * sent again after the restart, as S3 may send an event twice.
 */
public final class NotificationDelivery implements Job {
    private static final Logger log = LoggerFactory.getLogger(NotificationDelivery.class);

    private final Catalog catalog;
    private final NotificationProperties props;
    private final NotificationTargets targets;
    private final String region;
    private final MeterRegistry registry;
    private final LongSupplier clock;
    private final Map<String, TargetState> states = new ConcurrentHashMap<>();

    public NotificationDelivery(Catalog catalog, NotificationProperties props, NotificationTargets targets, String region,
                                MeterRegistry registry, LongSupplier clock) {
        this.catalog = catalog;
        this.props = props;
        this.targets = targets;
        this.region = region;
        this.registry = registry;
        this.clock = clock;
        // Every declared target's client is made now: a bad setting stops the start, not a delivery,
        // and the client's classes are loaded before the first event.
        targets.all().values().forEach(d -> {
            TargetState state = state(d.arn());
            state.target = Target.of(d.id(), d.target());
            state.settings = d.target();
        });
    }

    @Override
    public String kind() {
        return "notify";
    }

    @Override
    public Duration interval() {
        return props.interval();
    }

    @Override
    public long backlog() {
        return states.values().stream().mapToLong(s -> s.backlog).sum();
    }

    @Override
    public Step step() {
        long done = 0;
        boolean more = false;
        for (String arn : catalog.events().targets()) {
            TargetState state = state(arn);
            if (clock.getAsLong() < state.retryAt) continue; // backing off; its events wait on disk
            long backlog = catalog.events().count(arn, props.maxBacklog() + props.batch());
            if (backlog > props.maxBacklog()) {
                dropOldest(arn, state, backlog - props.maxBacklog());
                backlog = props.maxBacklog();
            }
            state.backlog = backlog;
            List<NotificationEvent> events = catalog.events().pending(arn, props.batch());
            state.oldestMillis = events.isEmpty() ? 0 : events.get(0).millis();
            if (events.isEmpty()) continue;
            reopenIfChanged(arn, state);
            if (state.target == null) { // no longer declared: nothing can deliver these
                failed(arn, state, new IllegalStateException("target " + arn + " is not declared"));
                continue;
            }
            List<NotificationEvent.Key> delivered = new ArrayList<>();
            for (NotificationEvent e : events) {
                try {
                    state.target.send(EventMessage.of(e, region));
                } catch (Exception failure) {
                    failed(arn, state, failure);
                    break;
                }
                if (state.failures > 0) state.retried.increment();
                state.failures = 0;
                state.retryAt = 0;
                delivered.add(e.key());
            }
            catalog.events().complete(delivered); // a kill -9 before this commits sends these again
            state.delivered.increment(delivered.size());
            state.backlog = Math.max(0, backlog - delivered.size());
            done += delivered.size();
            if (delivered.size() == events.size() && events.size() == props.batch()) more = true;
        }
        if (!more) refreshIdle();
        return new Step(done, more);
    }

    /** Targets with nothing waiting show a backlog and lag of 0. */
    private void refreshIdle() {
        List<String> waiting = catalog.events().targets();
        states.forEach((arn, s) -> {
            if (!waiting.contains(arn)) {
                s.backlog = 0;
                s.oldestMillis = 0;
            }
        });
    }

    private void failed(String arn, TargetState state, Exception failure) {
        state.failed.increment();
        state.failures++;
        long wait = Math.min(props.retryMax().toMillis(),
                props.retryMin().toMillis() << Math.min(20, state.failures - 1));
        state.retryAt = clock.getAsLong() + wait;
        if (state.failures == 1 || state.failures % 10 == 0) {
            log.warn("notification target {} failed {} time(s) in a row, next attempt in {} ms: {}", arn,
                    state.failures, wait, failure.toString());
        }
    }

    private void dropOldest(String arn, TargetState state, long excess) {
        List<NotificationEvent.Key> drop = new ArrayList<>();
        for (NotificationEvent e : catalog.events().pending(arn, (int) Math.min(excess, Integer.MAX_VALUE))) {
            drop.add(e.key());
        }
        catalog.events().complete(drop);
        state.dropped.increment(drop.size());
        log.warn("notification target {} has more than coffer.notifications.max-backlog={} events waiting: "
                + "dropped the {} oldest", arn, props.maxBacklog(), drop.size());
    }

    /** Opens the target's client, or a new one when the admin endpoint replaced or removed it. */
    private void reopenIfChanged(String arn, TargetState state) {
        TargetArn parsed = TargetArn.parse(arn);
        NotificationProperties.TargetProperties now = parsed == null || !targets.declares(parsed) ? null
                : targets.get(parsed.id()).orElse(null);
        if (state.target != null && java.util.Objects.equals(now, state.settings)) return;
        if (state.target != null) state.target.close();
        state.target = null;
        state.settings = now;
        if (now == null) return;
        try {
            state.target = Target.of(parsed.id(), now);
        } catch (RuntimeException bad) { // checked when added; a row written by an older version may not be
            log.warn("notification target {} cannot be opened: {}", arn, bad.toString());
        }
    }

    private TargetState state(String arn) {
        return states.computeIfAbsent(arn, a -> new TargetState(a, registry, clock));
    }

    /** Closes every target's client. */
    public void close() {
        states.values().forEach(s -> {
            if (s.target != null) s.target.close();
        });
    }

    /** One target's delivery state and its meters ({@code target} = the ARN). */
    private static final class TargetState {
        final Counter delivered;
        final Counter retried;
        final Counter failed;
        final Counter dropped;
        volatile long backlog;
        volatile long oldestMillis;
        int failures;
        long retryAt;
        Target target;
        NotificationProperties.TargetProperties settings;

        TargetState(String arn, MeterRegistry registry, LongSupplier clock) {
            delivered = Counter.builder("coffer.notifications.delivered").tag("target", arn)
                    .description("events delivered").register(registry);
            retried = Counter.builder("coffer.notifications.retried").tag("target", arn)
                    .description("events delivered after failed attempts").register(registry);
            failed = Counter.builder("coffer.notifications.failed").tag("target", arn)
                    .description("delivery attempts that failed (each is retried with backoff)").register(registry);
            dropped = Counter.builder("coffer.notifications.dropped").tag("target", arn)
                    .description("events dropped past coffer.notifications.max-backlog").register(registry);
            Gauge.builder("coffer.notifications.backlog", this, s -> s.backlog).tag("target", arn)
                    .description("events waiting in the outbox").register(registry);
            Gauge.builder("coffer.notifications.lag", this,
                            s -> s.oldestMillis == 0 ? 0 : Math.max(0, clock.getAsLong() - s.oldestMillis) / 1000.0)
                    .tag("target", arn).baseUnit("seconds")
                    .description("age of the oldest event waiting").register(registry);
        }
    }
}
