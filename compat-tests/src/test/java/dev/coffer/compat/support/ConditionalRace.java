package dev.coffer.compat.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Several conditional writes of one key released at the same instant. Each loser must have been
 * refused as S3 refuses a lost race: 412, or 409 ConditionalRequestConflict while the winner is
 * still in flight.
 */
public final class ConditionalRace {
    private ConditionalRace() {
    }

    /** Runs {@code write(i)} for i in [0, writers) at once; returns the indexes that succeeded. */
    public static List<Integer> winners(int writers, IntConsumer write) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<S3Exception>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int writer = i;
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        write.accept(writer);
                        return null;
                    } catch (S3Exception e) {
                        return e;
                    }
                }));
            }
            go.countDown();
            List<Integer> winners = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                S3Exception e = results.get(i).get();
                if (e == null) {
                    winners.add(i);
                } else {
                    assertThat(e.statusCode() + " " + e.awsErrorDetails().errorCode())
                            .isIn("412 PreconditionFailed", "409 ConditionalRequestConflict");
                }
            }
            return winners;
        } finally {
            pool.shutdownNow();
        }
    }
}
