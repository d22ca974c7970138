package dev.coffer.api.handler;

import dev.coffer.api.acl.NewBucketAcls;
import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.http.Names;
import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.routing.S3Request;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.BucketService;
import dev.coffer.api.xml.CreateBucketConfiguration;
import dev.coffer.api.xml.ListAllMyBucketsResult;
import dev.coffer.api.xml.LocationConstraint;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.metadata.BucketExistsException;
import dev.coffer.metadata.BucketRecord;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/** The handlers of the bucket operations: each small, each one S3 operation. */
public final class BucketHandlers {
    private static final String US_EAST_1 = "us-east-1";

    private BucketHandlers() {}

    public static List<S3Handler> all(BucketService buckets, S3Xml xml, SmallBodies bodies, Owners owners, String region,
                                      NewBucketAcls acls) {
        return List.of(
                new ListBuckets(buckets, xml, owners),
                new CreateBucket(buckets, xml, bodies, owners, region, acls),
                new HeadBucket(buckets),
                new DeleteBucket(buckets),
                new GetBucketLocation(buckets, xml));
    }

    /**
     * ListBuckets, paged (2024) when any of max-buckets, continuation-token, prefix or bucket-region
     * is given: 10,000 a page unless max-buckets (1..10,000) says fewer, a ContinuationToken when more
     * remain. https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html
     */
    record ListBuckets(BucketService buckets, S3Xml xml, Owners owners) implements S3Handler {
        static final int MAX_BUCKETS = 10_000;

        public S3Operation operation() {
            return S3Operation.LIST_BUCKETS;
        }

        public Mono<Void> handle(S3Call call) {
            S3Request r = call.s3();
            if (!r.has("max-buckets") && !r.has("continuation-token") && !r.has("prefix") && !r.has("bucket-region")) {
                return buckets.list().flatMap(list -> call.xml(HttpStatus.OK, xml.write(
                        new ListAllMyBucketsResult(owners.of(call), entries(list.stream()
                                .filter(b -> owners.owns(call, b)).toList())))));
            }
            int max = maxBuckets(r.param("max-buckets"));
            String token = r.param("continuation-token");
            String after = token == null || token.isEmpty() ? null : ListingParams.fromToken(token);
            String prefix = r.param("prefix") == null ? "" : r.param("prefix");
            String region = r.param("bucket-region") == null || r.param("bucket-region").isEmpty() ? null : r.param("bucket-region");
            return buckets.list(prefix, after, region, b -> owners.owns(call, b), max + 1).flatMap(list -> {
                boolean more = list.size() > max;
                List<BucketRecord> page = more ? list.subList(0, max) : list;
                String next = more ? ListingParams.token(page.get(page.size() - 1).name()) : null;
                return call.xml(HttpStatus.OK, xml.write(new ListAllMyBucketsResult(owners.of(call), entries(page), next,
                        r.param("prefix"))));
            });
        }

        private static List<ListAllMyBucketsResult.Bucket> entries(List<BucketRecord> list) {
            return list.stream().map(b -> new ListAllMyBucketsResult.Bucket(
                    b.name(), Instant.ofEpochMilli(b.createdMillis()), b.region())).toList();
        }

        private static int maxBuckets(String value) {
            if (value == null) return MAX_BUCKETS;
            try {
                int n = Integer.parseInt(value.trim());
                if (n >= 1 && n <= MAX_BUCKETS) return n;
            } catch (NumberFormatException ignored) {
                // falls through
            }
            throw S3Exception.of(S3ErrorCode.InvalidArgument)
                    .withMessage("Argument max-buckets must be an integer between 1 and 10000.")
                    .with("ArgumentName", "max-buckets").with("ArgumentValue", value);
        }
    }

    /**
     * CreateBucket, with its Object Ownership and ACL ({@link NewBucketAcls}), and with Object Lock
     * (and so versioning) enabled from the start when asked.
     * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html
     */
    record CreateBucket(BucketService buckets, S3Xml xml, SmallBodies bodies, Owners owners, String region,
                        NewBucketAcls acls) implements S3Handler {
        public S3Operation operation() {
            return S3Operation.CREATE_BUCKET;
        }

        public Mono<Void> handle(S3Call call) {
            String name = call.s3().bucket();
            Names.checkBucket(name);
            NewBucketAcls.Plan plan;
            try {
                plan = acls.plan(call, owners.id(call));
            } catch (S3Exception refused) {
                // Not for a bucket that exists: tools "ensure" their bucket with the ACL they write
                // objects with (rclone's acl), and such a bucket is answered as below, untouched.
                return buckets.exists(name).flatMap(exists -> exists
                        ? alreadyYours(call, name, new BucketExistsException(name)).then(created(call, name))
                        : Mono.error(refused));
            }
            boolean objectLock = objectLockEnabled(call.header("x-amz-bucket-object-lock-enabled"));
            return bodies.read(call).flatMap(body -> {
                String location = region;
                if (body.bytes().length > 0) {
                    String given = xml.read(body.bytes(), CreateBucketConfiguration.class).locationConstraint();
                    if (US_EAST_1.equals(given)) {
                        // S3 wants us-east-1 expressed as no constraint at all.
                        throw S3Exception.of(S3ErrorCode.InvalidLocationConstraint).with("LocationConstraint", given);
                    }
                    // Deliberate difference: S3 refuses a region other than the endpoint's; Coffer
                    // records it, so clients configured for any region can create buckets.
                    if (given != null && !given.isBlank()) location = given;
                }
                long now = System.currentTimeMillis();
                BucketRecord bucket = objectLock ? BucketRecord.lockEnabled(name, now, location, owners.id(call))
                        : new BucketRecord(name, now, location, owners.id(call));
                return buckets.create(bucket, NewBucketAcls.configs(plan))
                        .onErrorResume(BucketExistsException.class, exists -> alreadyYours(call, name, exists));
            }).then(created(call, name));
        }

        private static Mono<Void> created(S3Call call, String name) {
            return Mono.defer(() -> {
                call.responseHeaders().set("Location", "/" + name);
                return call.empty(HttpStatus.OK);
            });
        }

        /** x-amz-bucket-object-lock-enabled: true creates the bucket with Object Lock, and so versioning, enabled. */
        private static boolean objectLockEnabled(String value) {
            if (value == null || value.trim().equalsIgnoreCase("false")) return false;
            if (value.trim().equalsIgnoreCase("true")) return true;
            throw S3Exception.of(S3ErrorCode.InvalidArgument).withMessage("Invalid x-amz-bucket-object-lock-enabled value")
                    .with("ArgumentName", "x-amz-bucket-object-lock-enabled").with("ArgumentValue", value);
        }

        /**
         * A name another account owns is 409 BucketAlreadyExists. S3's legacy behaviour in
         * us-east-1: creating a bucket you already own succeeds again (200), which tools that
         * "ensure" a bucket rely on; every other region answers 409 BucketAlreadyOwnedByYou. The
         * server's region decides, as the endpoint's does in S3.
         */
        private Mono<Void> alreadyYours(S3Call call, String name, BucketExistsException exists) {
            return buckets.find(name).flatMap(b -> {
                if (!owners.owns(call, b)) {
                    return Mono.error(S3Exception.of(S3ErrorCode.BucketAlreadyExists, "/" + name).with("BucketName", name));
                }
                return US_EAST_1.equals(region) ? Mono.<Void>empty() : Mono.error(exists);
            });
        }
    }

    /** HeadBucket. https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html */
    record HeadBucket(BucketService buckets) implements S3Handler {
        public S3Operation operation() {
            return S3Operation.HEAD_BUCKET;
        }

        public Mono<Void> handle(S3Call call) {
            return buckets.find(call.s3().bucket()).flatMap(b -> {
                call.responseHeaders().set("x-amz-bucket-region", b.region());
                call.responseHeaders().set("x-amz-access-point-alias", "false");
                return call.empty(HttpStatus.OK);
            });
        }
    }

    /** DeleteBucket. https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucket.html */
    record DeleteBucket(BucketService buckets) implements S3Handler {
        public S3Operation operation() {
            return S3Operation.DELETE_BUCKET;
        }

        public Mono<Void> handle(S3Call call) {
            return buckets.delete(call.s3().bucket()).then(call.empty(HttpStatus.NO_CONTENT));
        }
    }

    /** GetBucketLocation. https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html */
    record GetBucketLocation(BucketService buckets, S3Xml xml) implements S3Handler {
        public S3Operation operation() {
            return S3Operation.GET_BUCKET_LOCATION;
        }

        public Mono<Void> handle(S3Call call) {
            return buckets.find(call.s3().bucket())
                    .flatMap(b -> call.xml(HttpStatus.OK, xml.write(LocationConstraint.of(b.region()))));
        }
    }

}
