package dev.coffer.api.lock;

import dev.coffer.api.authz.ActionCheck;
import dev.coffer.api.server.S3Call;
import dev.coffer.metadata.LegalHold;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.Retention;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;

/**
 * Which Object Lock headers a GetObject or HeadObject may show its caller: S3 returns
 * {@code x-amz-object-lock-mode} and {@code -retain-until-date} only to a requester with
 * s3:GetObjectRetention, and {@code x-amz-object-lock-legal-hold} only to one with
 * s3:GetObjectLegalHold (GetObject / HeadObject API Reference); to others the headers are absent,
 * never an error. The questions are the server's own (not counted as denials).
 *
 * @param retention whether the retention headers may be shown
 * @param legalHold whether the legal hold header may be shown
 */
public record LockVisibility(boolean retention, boolean legalHold) {
    public static final String GET_RETENTION = "s3:GetObjectRetention";
    public static final String GET_LEGAL_HOLD = "s3:GetObjectLegalHold";
    private static final LockVisibility ALL = new LockVisibility(true, true);

    /** What {@code call}'s principal may see of {@code record}'s lock; asks only about what the version has. */
    public static Mono<LockVisibility> of(S3Call call, ObjectRecord record) {
        boolean hasRetention = record.attribute(Retention.ATTRIBUTE).isPresent();
        boolean hasHold = record.attribute(LegalHold.ATTRIBUTE).isPresent();
        if (!hasRetention && !hasHold) return Mono.just(ALL);
        if (call.access() == null) return Mono.just(ALL); // handler tests without an Authorizer
        String bucket = call.s3().bucket();
        String key = call.s3().key();
        Mono<Boolean> retention = hasRetention
                ? call.access().wouldAllow(new ActionCheck(GET_RETENTION, bucket, key)) : Mono.just(false);
        Mono<Boolean> hold = hasHold
                ? call.access().wouldAllow(new ActionCheck(GET_LEGAL_HOLD, bucket, key)) : Mono.just(false);
        return Mono.zip(retention, hold, LockVisibility::new);
    }

    /** The version's retention and legal hold as GET/HEAD report them, those this caller may see. */
    public void write(ObjectRecord record, HttpHeaders response) {
        if (retention) {
            Retention r = LockHeaders.retention(record);
            if (r != null) {
                response.set(LockHeaders.MODE, r.mode().name());
                response.set(LockHeaders.RETAIN_UNTIL, LockDates.format(r.retainUntilMillis()));
            }
        }
        if (legalHold) {
            record.attribute(LegalHold.ATTRIBUTE)
                    .ifPresent(b -> response.set(LockHeaders.LEGAL_HOLD, LegalHold.decode(b) ? "ON" : "OFF"));
        }
    }
}
