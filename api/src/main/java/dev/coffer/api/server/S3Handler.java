package dev.coffer.api.server;

import dev.coffer.api.routing.S3Operation;
import reactor.core.publisher.Mono;

/** Serves one S3 operation. Throws (or signals) S3Exception for every client error. */
public interface S3Handler {
    S3Operation operation();

    Mono<Void> handle(S3Call call);
}
