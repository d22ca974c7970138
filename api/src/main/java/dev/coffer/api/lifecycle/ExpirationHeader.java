package dev.coffer.api.lifecycle;

import dev.coffer.api.service.BlockingIo;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.Tags;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;

/**
 * {@code x-amz-expiration} on PutObject, CopyObject, CompleteMultipartUpload, GetObject and
 * HeadObject of a current version, as S3
 * sends it: {@code expiry-date="Fri, 23 Dec 2012 00:00:00 GMT", rule-id="picture-deletion-rule"},
 * naming the enabled rule whose Expiration (Days or Date) comes first for that object. Absent when
 * no such rule matches.
 */
public final class ExpirationHeader {
    public static final String NAME = "x-amz-expiration";

    private final LifecycleConfigs configs;
    private final LifecycleClock clock;
    private final BlockingIo io;

    public ExpirationHeader(LifecycleConfigs configs, LifecycleClock clock, BlockingIo io) {
        this.configs = configs;
        this.clock = clock;
        this.io = io;
    }

    /** Sets the header on {@code out} when a rule expires {@code record} (a current version of {@code key}). */
    public Mono<Void> write(String bucket, String key, ObjectRecord record, HttpHeaders out) {
        if (record.deleteMarker()) return Mono.empty();
        List<LifecycleRule> known = configs.knownRules(bucket);
        if (known != null) { // in memory: no hand-off to the I/O scheduler
            value(known, key, record).ifPresent(h -> out.set(NAME, h));
            return Mono.empty();
        }
        return io.call(() -> value(bucket, key, record))
                .doOnNext(v -> v.ifPresent(h -> out.set(NAME, h)))
                .then();
    }

    Optional<String> value(String bucket, String key, ObjectRecord record) {
        return value(configs.rules(bucket), key, record);
    }

    private Optional<String> value(List<LifecycleRule> rules, String key, ObjectRecord record) {
        if (rules.isEmpty()) return Optional.empty();
        LifecycleClock.Expiry first = clock.firstExpiry(rules, key, record.size(),
                Tags.of(record), record.lastModifiedMillis());
        return Optional.ofNullable(first).map(LifecycleClock.Expiry::header);
    }
}
