package dev.coffer.api.cors;

import java.util.Optional;
import reactor.core.publisher.Mono;

/** Where buckets' CORS configurations are kept (the catalogue's bucket configuration "cors"). */
public interface CorsStore {
    /** The bucket's configuration; empty when it has none or the bucket does not exist. */
    Mono<Optional<CorsConfig>> find(String bucket);

    /** Replaces the bucket's configuration; NoSuchBucket when the bucket does not exist. */
    Mono<Void> put(String bucket, CorsConfig config);

    /** Removes the bucket's configuration, if any; NoSuchBucket when the bucket does not exist. */
    Mono<Void> delete(String bucket);
}
