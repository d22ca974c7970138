package dev.coffer.api.handler;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.VersionService;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.api.xml.VersioningConfiguration;
import dev.coffer.metadata.Versioning;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * PutBucketVersioning: Enabled or Suspended; a bucket never returns to unversioned. MFA delete is
 * not supported: asking for it answers NotImplemented.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketVersioning.html
 */
public final class PutBucketVersioningHandler implements S3Handler {
    private final VersionService versions;
    private final S3Xml xml;
    private final SmallBodies bodies;

    public PutBucketVersioningHandler(VersionService versions, S3Xml xml, SmallBodies bodies) {
        this.versions = versions;
        this.xml = xml;
        this.bodies = bodies;
    }

    @Override
    public S3Operation operation() {
        return S3Operation.PUT_BUCKET_VERSIONING;
    }

    @Override
    public Mono<Void> handle(S3Call call) {
        String bucket = call.s3().bucket();
        if (call.header("x-amz-mfa") != null) throw mfaNotSupported();
        return versions.versioning(bucket) // NoSuchBucket before any complaint about the body, as S3 does
                .then(bodies.read(call))
                .map(body -> state(xml.read(body.bytes(), VersioningConfiguration.class)))
                .flatMap(state -> versions.setVersioning(bucket, state))
                .then(call.empty(HttpStatus.OK));
    }

    static Versioning state(VersioningConfiguration config) {
        String mfa = config.mfaDelete();
        if ("Enabled".equals(mfa)) throw mfaNotSupported();
        if (mfa != null && !mfa.equals("Disabled")) throw S3Exception.of(S3ErrorCode.MalformedXML);
        if (config.status() == null) throw S3Exception.of(S3ErrorCode.IllegalVersioningConfigurationException);
        switch (config.status()) {
            case "Enabled":
                return Versioning.ENABLED;
            case "Suspended":
                return Versioning.SUSPENDED;
            default:
                throw S3Exception.of(S3ErrorCode.MalformedXML);
        }
    }

    private static S3Exception mfaNotSupported() {
        return S3Exception.of(S3ErrorCode.NotImplemented).withMessage("Coffer does not support MFA delete.");
    }
}
