package dev.coffer.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class PeriodicLoopTest {

    /** A first pass spanning many ticks (a long GC backlog, a full catalogue scan on a busy disk). */
    @Test
    void aPassSlowerThanTheIntervalDoesNotEndTheLoop() throws InterruptedException {
        AtomicInteger passes = new AtomicInteger();
        Disposable loop = PeriodicLoop.start(Duration.ZERO, Duration.ofMillis(5), () -> Mono.fromCallable(() -> {
            if (passes.incrementAndGet() == 1) {
                Thread.sleep(300);
            }
            return 1;
        }).subscribeOn(Schedulers.boundedElastic()), LoggerFactory.getLogger(getClass()), "pass failed",
                Schedulers.parallel());
        try {
            for (int i = 0; i < 2000 && passes.get() < 4; i++) {
                Thread.sleep(10);
            }
            assertThat(passes.get()).as("passes after the slow one").isGreaterThanOrEqualTo(4);
            assertThat(loop.isDisposed()).isFalse();
        } finally {
            loop.dispose();
        }
    }

    @Test
    void aFailedPassIsRetriedOnTheNextTick() throws InterruptedException {
        AtomicInteger passes = new AtomicInteger();
        Disposable loop = PeriodicLoop.start(Duration.ZERO, Duration.ofMillis(5), () -> passes.incrementAndGet() == 1
                ? Mono.error(new IllegalStateException("disk busy")) : Mono.just(1),
                LoggerFactory.getLogger(getClass()), "pass failed", Schedulers.parallel());
        try {
            for (int i = 0; i < 2000 && passes.get() < 3; i++) {
                Thread.sleep(10);
            }
            assertThat(passes.get()).isGreaterThanOrEqualTo(3);
        } finally {
            loop.dispose();
        }
    }
}
