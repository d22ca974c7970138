package dev.coffer.api.cors;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/** A CorsStore in memory, for handler tests. */
class MemoryCorsStore implements CorsStore {
    final Map<String, CorsConfig> configs = new ConcurrentHashMap<>();

    @Override
    public Mono<Optional<CorsConfig>> find(String bucket) {
        return Mono.fromSupplier(() -> Optional.ofNullable(configs.get(bucket)));
    }

    @Override
    public Mono<Void> put(String bucket, CorsConfig config) {
        return Mono.fromRunnable(() -> configs.put(bucket, config));
    }

    @Override
    public Mono<Void> delete(String bucket) {
        return Mono.fromRunnable(() -> configs.remove(bucket));
    }
}
