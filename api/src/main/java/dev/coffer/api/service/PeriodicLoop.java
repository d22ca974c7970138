package dev.coffer.api.service;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A background pass run every interval, one pass at a time, until disposed. A pass slower than the
 * interval skips the ticks it spans: a bare {@code Flux.interval(..).concatMap(..)} overflows
 * instead ("Could not emit tick … due to lack of requests") and the loop ends for good. A failed
 * pass is logged and the next tick tries again.
 */
public final class PeriodicLoop {
    private PeriodicLoop() {
    }

    public static Disposable start(Duration delay, Duration interval, Supplier<Mono<?>> pass,
                                   Logger log, String failure) {
        return start(delay, interval, pass, log, failure, Schedulers.parallel());
    }

    static Disposable start(Duration delay, Duration interval, Supplier<Mono<?>> pass,
                            Logger log, String failure, Scheduler timer) {
        return Flux.interval(delay, interval, timer)
                .onBackpressureDrop()
                .concatMap(tick -> Mono.defer(pass)
                        .doOnError(e -> log.warn(failure, e))
                        .onErrorResume(e -> Mono.empty()), 1)
                .subscribe();
    }
}
