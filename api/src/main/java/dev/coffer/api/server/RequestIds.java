package dev.coffer.api.server;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Request ids in S3's form: 16 upper-case hex digits, unique within a process run. */
final class RequestIds {
    private static final AtomicLong COUNTER = new AtomicLong(ThreadLocalRandom.current().nextLong());

    private RequestIds() {}

    static String next() {
        return HexFormat.of().withUpperCase().toHexDigits(COUNTER.getAndIncrement() * 0x9E3779B97F4A7C15L);
    }
}
