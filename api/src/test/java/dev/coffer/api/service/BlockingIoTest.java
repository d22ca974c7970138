package dev.coffer.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

class BlockingIoTest {

    @Test
    void workAskedForOffThePoolRunsOnAnIoThreadNeverTheCallers() {
        try (BlockingIo io = new BlockingIo(2)) {
            Thread caller = Thread.currentThread();
            Thread ran = io.call(Thread::currentThread).block(Duration.ofSeconds(10));
            assertThat(ran).isNotSameAs(caller);
            assertThat(ran.getName()).startsWith("coffer-io-");
            Thread fromParallel = io.call(Thread::currentThread).subscribeOn(Schedulers.parallel())
                    .block(Duration.ofSeconds(10));
            assertThat(fromParallel.getName()).startsWith("coffer-io-");
        }
    }

    /** A GET's bucket, version and lifecycle look-ups, chained: one hand-off, not one each. */
    @Test
    void workAskedForOnAnIoThreadRunsThereWithoutAHandOff() {
        try (BlockingIo io = new BlockingIo(2)) {
            Thread[] threads = io.call(Thread::currentThread)
                    .flatMap(first -> io.call(() -> new Thread[] {first, Thread.currentThread()}))
                    .block(Duration.ofSeconds(10));
            assertThat(threads[1]).isSameAs(threads[0]);
        }
    }

    /** Another pool's thread (kept apart on purpose, as the chunk transfers' is) still hands off. */
    @Test
    void anotherBlockingIosThreadStillHandsOff() {
        try (BlockingIo one = new BlockingIo(1); BlockingIo other = new BlockingIo(1)) {
            Thread[] threads = one.call(Thread::currentThread)
                    .flatMap(first -> other.call(() -> new Thread[] {first, Thread.currentThread()}))
                    .block(Duration.ofSeconds(10));
            assertThat(threads[1]).isNotSameAs(threads[0]);
        }
    }
}
