package dev.coffer.api.handler;

import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.ObjectService;
import dev.coffer.api.service.ObjectStreamer;
import reactor.core.publisher.Mono;

/**
 * GetObject: the object's bytes (or one range of them) with its stored headers.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
 */
public final class GetObjectHandler implements S3Handler {
    private final ObjectReads reads;

    public GetObjectHandler(ObjectService objects, ObjectStreamer streamer) {
        this(objects, streamer, null);
    }

    public GetObjectHandler(ObjectService objects, ObjectStreamer streamer, dev.coffer.api.lifecycle.ExpirationHeader expiration) {
        this.reads = new ObjectReads(objects, streamer, expiration);
    }

    @Override
    public S3Operation operation() {
        return S3Operation.GET_OBJECT;
    }

    @Override
    public Mono<Void> handle(S3Call call) {
        return reads.serve(call, true);
    }
}
