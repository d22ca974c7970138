package dev.coffer.api.handler;

import dev.coffer.api.authz.IamActions;
import dev.coffer.api.authz.RequestAccess;
import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.lock.GovernanceBypass;
import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.ObjectService;
import dev.coffer.api.xml.Delete;
import dev.coffer.api.xml.DeleteResult;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.metadata.WriteCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * DeleteObjects: up to 1,000 keys in one request; each missing key is reported deleted, as S3 does,
 * and each version Object Lock protects is reported as an AccessDenied error of its own. A key's
 * {@code ETag} makes its delete conditional, as If-Match does DeleteObject's; a failed condition is
 * that key's error (PreconditionFailed, or NoSuchKey when there is no current object).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html
 */
public final class DeleteObjectsHandler implements S3Handler {
    /** S3's limit on the keys of one DeleteObjects request. */
    static final int MAX_KEYS = 1000;

    private final ObjectService objects;
    private final S3Xml xml;
    private final SmallBodies bodies;

    public DeleteObjectsHandler(ObjectService objects, S3Xml xml, SmallBodies bodies) {
        this.objects = objects;
        this.xml = xml;
        this.bodies = bodies;
    }

    @Override
    public S3Operation operation() {
        return S3Operation.DELETE_OBJECTS;
    }

    @Override
    public Mono<Void> handle(S3Call call) {
        String bucket = call.s3().bucket();
        return bodies.read(call)
                .map(body -> {
                    BodyIntegrity.requireDigest(call, body.bytes(), body.trailers());
                    Delete delete = xml.read(body.bytes(), Delete.class);
                    if (delete.objects().isEmpty() || delete.objects().size() > MAX_KEYS) {
                        throw S3Exception.of(S3ErrorCode.MalformedXML);
                    }
                    return delete;
                })
                .flatMap(delete -> objects.checkBucket(bucket).thenReturn(delete))
                .flatMap(delete -> Flux.fromIterable(delete.objects())
                        .concatMap(o -> deleteOne(call, bucket, o))
                        .collectList()
                        .map(outcomes -> result(outcomes, delete.quiet())))
                .flatMap(result -> call.xml(HttpStatus.OK, xml.write(result)));
    }

    /**
     * Each key is authorized on its own (s3:DeleteObject, or s3:DeleteObjectVersion for a version;
     * an ETag condition needs s3:GetObject too, and is the key's s3:if-match) and deleted if its
     * ETag condition holds ({@link DeleteConditions}).
     */
    private Mono<Object> deleteOne(S3Call call, String bucket, Delete.ObjectIdentifier o) {
        if (o.key() == null || o.key().isEmpty()) {
            return Mono.just(new DeleteResult.Error("", o.versionId(), "UserKeyMustBeSpecified",
                    "The request was not successfully processed because the key was empty"));
        }
        return Mono.fromCallable(() -> condition(o))
                .flatMap(condition -> allowed(call, bucket, o, condition)
                        .flatMap(allowed -> allowed
                                ? GovernanceBypass.granted(call, bucket, o.key()).flatMap(bypass ->
                                        objects.versions().delete(bucket, o.key(), o.versionId(), bypass, condition,
                                                dev.coffer.api.notify.EventOrigins.of(call, null)))
                                        .<Object>map(outcome -> VersionedDeletes.deleted(o.key(), o.versionId(), outcome))
                                : Mono.just(new DeleteResult.Error(o.key(), o.versionId(), S3ErrorCode.AccessDenied.code(),
                                        S3ErrorCode.AccessDenied.defaultMessage()))))
                .onErrorResume(e -> Mono.just(VersionedDeletes.error(o.key(), o.versionId(), e)));
    }

    /**
     * The key's ETag condition. Its directory-bucket conditions (LastModifiedTime, Size), and an
     * ETag on a named version, are NotImplemented for that key, never ignored: a general purpose
     * bucket in S3 judges neither (DeleteObject answers 501 to the same conditions).
     */
    private static WriteCondition condition(Delete.ObjectIdentifier o) {
        if (o.lastModifiedTime() != null || o.size() != null) {
            throw S3Exception.of(S3ErrorCode.NotImplemented).withMessage("LastModifiedTime and Size are delete conditions"
                    + " of directory buckets, which Coffer does not implement.");
        }
        if (o.eTag() != null && o.versionId() != null) {
            throw S3Exception.of(S3ErrorCode.NotImplemented)
                    .withMessage("An ETag condition applies to the current version only, not with a VersionId.");
        }
        return DeleteConditions.parse(o.eTag());
    }

    private static Mono<Boolean> allowed(S3Call call, String bucket, Delete.ObjectIdentifier o, WriteCondition condition) {
        RequestAccess access = o.eTag() == null ? call.access()
                : call.access().withKeys(Map.of("s3:if-match", List.of(o.eTag())));
        Mono<Boolean> delete = access.allows(IamActions.deleteKey(bucket, o.key(), o.versionId()));
        if (!(condition instanceof WriteCondition.IfEtagMatches)) return delete;
        return delete.flatMap(allowed -> allowed ? access.allows(IamActions.conditionalDeleteRead(bucket, o.key()))
                : Mono.just(false));
    }

    private static DeleteResult result(List<Object> outcomes, boolean quiet) {
        List<DeleteResult.DeletedObject> deleted = new ArrayList<>();
        List<DeleteResult.Error> errors = new ArrayList<>();
        for (Object o : outcomes) {
            if (o instanceof DeleteResult.Error e) errors.add(e);
            else if (!quiet) deleted.add((DeleteResult.DeletedObject) o);
        }
        return new DeleteResult(deleted, errors);
    }
}
