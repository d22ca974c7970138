package dev.coffer.api.handler;

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
 * GetBucketVersioning: Enabled, Suspended, or an empty configuration for a bucket never versioned.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketVersioning.html
 */
public final class GetBucketVersioningHandler implements S3Handler {
    private final VersionService versions;
    private final S3Xml xml;

    public GetBucketVersioningHandler(VersionService versions, S3Xml xml) {
        this.versions = versions;
        this.xml = xml;
    }

    @Override
    public S3Operation operation() {
        return S3Operation.GET_BUCKET_VERSIONING;
    }

    @Override
    public Mono<Void> handle(S3Call call) {
        return versions.versioning(call.s3().bucket()).flatMap(state -> call.xml(HttpStatus.OK, xml.write(of(state))));
    }

    static VersioningConfiguration of(Versioning state) {
        if (state == Versioning.UNVERSIONED) return new VersioningConfiguration(null, null);
        return new VersioningConfiguration(state == Versioning.ENABLED ? "Enabled" : "Suspended", null);
    }
}
