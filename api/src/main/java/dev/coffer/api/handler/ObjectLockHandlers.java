package dev.coffer.api.handler;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.lock.GovernanceBypass;
import dev.coffer.api.lock.LockDates;
import dev.coffer.api.lock.LockHeaders;
import dev.coffer.api.lock.ObjectLockService;
import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.xml.LegalHold;
import dev.coffer.api.xml.ObjectLockConfiguration;
import dev.coffer.api.xml.Retention;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.metadata.BucketRecord;
import dev.coffer.metadata.DefaultRetention;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.RetentionMode;
import java.util.List;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * The Object Lock operations: a bucket's configuration, and one version's retention and legal
 * hold. Each small, each one S3 operation; the catalogue enforces what a lock forbids.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html
 */
public final class ObjectLockHandlers {
    private ObjectLockHandlers() {}

    public static List<S3Handler> all(ObjectLockService locks, S3Xml xml, SmallBodies bodies) {
        return List.of(
                new PutObjectLockConfiguration(locks, xml, bodies),
                new GetObjectLockConfiguration(locks, xml),
                new PutObjectRetention(locks, xml, bodies),
                new GetObjectRetention(locks, xml),
                new PutObjectLegalHold(locks, xml, bodies),
                new GetObjectLegalHold(locks, xml));
    }

    /**
     * PutObjectLockConfiguration: enables Object Lock on a versioned bucket, for good, and sets or
     * clears its default retention. https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectLockConfiguration.html
     */
    record PutObjectLockConfiguration(ObjectLockService locks, S3Xml xml, SmallBodies bodies) implements S3Handler {
        public S3Operation operation() {
            return S3Operation.PUT_OBJECT_LOCK_CONFIGURATION;
        }

        public Mono<Void> handle(S3Call call) {
            String bucket = call.s3().bucket();
            return locks.bucket(bucket).then(document(call, bodies, xml, ObjectLockConfiguration.class))
                    .map(PutObjectLockConfiguration::rule)
                    .flatMap(rule -> locks.configure(bucket, rule.orElse(null))).then(call.empty(HttpStatus.OK));
        }

        /** The default retention the document sets, or empty for none; MalformedXML / InvalidArgument as S3. */
        static java.util.Optional<DefaultRetention> rule(ObjectLockConfiguration config) {
            if (!"Enabled".equals(config.objectLockEnabled())) throw S3Exception.of(S3ErrorCode.MalformedXML);
            if (config.rule() == null) return java.util.Optional.empty();
            ObjectLockConfiguration.DefaultRetention d = config.rule().defaultRetention();
            if (d != null && d.defaultEventHold() != null) throw eventHoldsNotImplemented("DefaultEventHold");
            if (d == null || d.mode() == null || (d.days() == null) == (d.years() == null)) {
                throw S3Exception.of(S3ErrorCode.MalformedXML);
            }
            RetentionMode mode = switch (d.mode()) {
                case "GOVERNANCE" -> RetentionMode.GOVERNANCE;
                case "COMPLIANCE" -> RetentionMode.COMPLIANCE;
                default -> throw S3Exception.of(S3ErrorCode.MalformedXML);
            };
            int days = d.days() == null ? 0 : period(d.days());
            int years = d.years() == null ? 0 : period(d.years());
            return java.util.Optional.of(new DefaultRetention(mode, days, years));
        }

        private static int period(String value) {
            try {
                int n = Integer.parseInt(value.trim());
                if (n > 0) return n;
            } catch (NumberFormatException e) {
                throw S3Exception.of(S3ErrorCode.MalformedXML);
            }
            throw S3Exception.of(S3ErrorCode.InvalidArgument)
                    .withMessage("Default retention period must be a positive integer value.");
        }
    }

    /** GetObjectLockConfiguration. https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectLockConfiguration.html */
    record GetObjectLockConfiguration(ObjectLockService locks, S3Xml xml) implements S3Handler {
        public S3Operation operation() {
            return S3Operation.GET_OBJECT_LOCK_CONFIGURATION;
        }

        public Mono<Void> handle(S3Call call) {
            return locks.bucket(call.s3().bucket()).flatMap(b -> call.xml(HttpStatus.OK, xml.write(of(b))));
        }

        static ObjectLockConfiguration of(BucketRecord b) {
            if (!b.objectLock()) {
                throw S3Exception.of(S3ErrorCode.ObjectLockConfigurationNotFoundError).with("BucketName", b.name());
            }
            DefaultRetention d = b.defaultRetention();
            if (d == null) return new ObjectLockConfiguration("Enabled", null);
            return new ObjectLockConfiguration("Enabled", new ObjectLockConfiguration.Rule(
                    new ObjectLockConfiguration.DefaultRetention(d.mode().name(),
                            d.days() > 0 ? Integer.toString(d.days()) : null,
                            d.years() > 0 ? Integer.toString(d.years()) : null)));
        }
    }

    /**
     * PutObjectRetention: sets, extends, shortens or (with an empty document) removes a version's
     * retention; loosening a GOVERNANCE one needs x-amz-bypass-governance-retention, a COMPLIANCE one
     * cannot be loosened. https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectRetention.html
     */
    record PutObjectRetention(ObjectLockService locks, S3Xml xml, SmallBodies bodies) implements S3Handler {
        public S3Operation operation() {
            return S3Operation.PUT_OBJECT_RETENTION;
        }

        public Mono<Void> handle(S3Call call) {
            String bucket = call.s3().bucket();
            String key = call.s3().key();
            return document(call, bodies, xml, Retention.class)
                    .map(doc -> retention(doc, System.currentTimeMillis()))
                    .flatMap(r -> GovernanceBypass.granted(call, bucket, key).flatMap(bypass ->
                            locks.setRetention(bucket, key, call.s3().param("versionId"), r.orElse(null), bypass)))
                    .then(call.empty(HttpStatus.OK));
        }

        /** The retention the document asks for; empty to remove it. */
        static java.util.Optional<dev.coffer.metadata.Retention> retention(Retention doc, long nowMillis) {
            if (doc.eventHold() != null && !doc.eventHold().trim().equals("OFF")) throw eventHoldsNotImplemented("EventHold");
            if (doc.eventHoldDuration() != null) throw eventHoldsNotImplemented("EventHoldDuration");
            if (doc.mode() == null && doc.retainUntilDate() == null) return java.util.Optional.empty();
            if (doc.mode() == null || doc.retainUntilDate() == null) throw S3Exception.of(S3ErrorCode.MalformedXML);
            RetentionMode mode = switch (doc.mode().trim()) {
                case "GOVERNANCE" -> RetentionMode.GOVERNANCE;
                case "COMPLIANCE" -> RetentionMode.COMPLIANCE;
                default -> throw S3Exception.of(S3ErrorCode.MalformedXML);
            };
            long until = LockDates.parse(doc.retainUntilDate(), "RetainUntilDate");
            if (until <= nowMillis) {
                throw S3Exception.of(S3ErrorCode.InvalidArgument).withMessage("The retain until date must be in the future!");
            }
            return java.util.Optional.of(new dev.coffer.metadata.Retention(mode, until));
        }
    }

    /** GetObjectRetention. https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectRetention.html */
    record GetObjectRetention(ObjectLockService locks, S3Xml xml) implements S3Handler {
        public S3Operation operation() {
            return S3Operation.GET_OBJECT_RETENTION;
        }

        public Mono<Void> handle(S3Call call) {
            String bucket = call.s3().bucket();
            return locked(locks, bucket).then(locks.version(bucket, call.s3().key(), call.s3().param("versionId")))
                    .flatMap(v -> {
                        dev.coffer.metadata.Retention r = LockHeaders.retention(v.record());
                        if (r == null) throw noConfiguration();
                        return call.xml(HttpStatus.OK, xml.write(new Retention(r.mode().name(),
                                LockDates.format(r.retainUntilMillis()))));
                    });
        }
    }

    /** PutObjectLegalHold: ON or OFF. https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectLegalHold.html */
    record PutObjectLegalHold(ObjectLockService locks, S3Xml xml, SmallBodies bodies) implements S3Handler {
        public S3Operation operation() {
            return S3Operation.PUT_OBJECT_LEGAL_HOLD;
        }

        public Mono<Void> handle(S3Call call) {
            return document(call, bodies, xml, LegalHold.class).map(doc -> {
                if (!"ON".equals(doc.status()) && !"OFF".equals(doc.status())) throw S3Exception.of(S3ErrorCode.MalformedXML);
                return doc.status().equals("ON");
            }).flatMap(on -> locks.setLegalHold(call.s3().bucket(), call.s3().key(), call.s3().param("versionId"), on))
                    .then(call.empty(HttpStatus.OK));
        }
    }

    /** GetObjectLegalHold. https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectLegalHold.html */
    record GetObjectLegalHold(ObjectLockService locks, S3Xml xml) implements S3Handler {
        public S3Operation operation() {
            return S3Operation.GET_OBJECT_LEGAL_HOLD;
        }

        public Mono<Void> handle(S3Call call) {
            String bucket = call.s3().bucket();
            return locked(locks, bucket).then(locks.version(bucket, call.s3().key(), call.s3().param("versionId")))
                    .flatMap(v -> {
                        ObjectRecord record = v.record();
                        byte[] hold = record.attribute(dev.coffer.metadata.LegalHold.ATTRIBUTE).orElseThrow(
                                ObjectLockHandlers::noConfiguration);
                        return call.xml(HttpStatus.OK, xml.write(new LegalHold(
                                dev.coffer.metadata.LegalHold.decode(hold) ? "ON" : "OFF")));
                    });
        }
    }

    /** The request's XML document, once its Content-MD5 or checksum matched (S3 demands one for each of these). */
    private static <T> Mono<T> document(S3Call call, SmallBodies bodies, S3Xml xml, Class<T> type) {
        return bodies.read(call).map(body -> {
            BodyIntegrity.requireDigest(call, body.bytes(), body.trailers());
            return xml.read(body.bytes(), type);
        });
    }

    /** InvalidRequest, as S3 answers a retention or legal-hold request in a bucket without Object Lock. */
    private static Mono<BucketRecord> locked(ObjectLockService locks, String bucket) {
        return locks.bucket(bucket).doOnNext(b -> {
            if (!b.objectLock()) {
                throw S3Exception.of(S3ErrorCode.InvalidRequest).withMessage("Bucket is missing Object Lock Configuration");
            }
        });
    }

    /**
     * Object Lock's event holds (a hold released by an event, then a retention period): not
     * implemented, so a document asking for one is refused rather than stored without it.
     */
    private static S3Exception eventHoldsNotImplemented(String element) {
        return S3Exception.of(S3ErrorCode.NotImplemented)
                .withMessage("Object Lock event holds are not implemented (" + element + ").");
    }

    private static S3Exception noConfiguration() {
        return S3Exception.of(S3ErrorCode.NoSuchObjectLockConfiguration);
    }
}
