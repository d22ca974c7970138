package dev.coffer.api.service;

import dev.coffer.api.cors.CorsConfig;
import dev.coffer.api.cors.CorsStore;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.metadata.Catalog;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Buckets' CORS configurations in the catalogue: bucket configuration {@value #NAME}, holding the
 * GetBucketCors document (UTF-8 XML, see metadata/COMMANDS.md). A request with an {@code Origin}
 * reads it; the parsed rules of the last few buckets are kept and reused while the stored bytes are
 * unchanged, so that a page's stream of requests parses its bucket's rules once.
 */
public final class CatalogCorsStore implements CorsStore {
    public static final String NAME = "cors";
    /** Buckets whose parsed rules are kept; each entry is at most a 64 KB document's rules. */
    private static final int PARSED_KEPT = 64;

    private record Parsed(byte[] stored, CorsConfig config) {}

    private final BlockingIo io;
    private final Catalog catalog;
    private final S3Xml xml;
    private final Map<String, Parsed> parsed = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Parsed> eldest) {
            return size() > PARSED_KEPT;
        }
    };

    public CatalogCorsStore(BlockingIo io, Catalog catalog, S3Xml xml) {
        this.io = io;
        this.catalog = catalog;
        this.xml = xml;
    }

    @Override
    public Mono<Optional<CorsConfig>> find(String bucket) {
        return io.call(() -> catalog.bucketConfig(bucket, NAME).map(stored -> parsed(bucket, stored)));
    }

    @Override
    public Mono<Void> put(String bucket, CorsConfig config) {
        byte[] document = config.toXml(xml);
        return io.run(() -> catalog.setBucketConfig(bucket, NAME, document));
    }

    @Override
    public Mono<Void> delete(String bucket) {
        return io.run(() -> catalog.setBucketConfig(bucket, NAME, null));
    }

    private CorsConfig parsed(String bucket, byte[] stored) {
        synchronized (parsed) {
            Parsed kept = parsed.get(bucket);
            if (kept != null && Arrays.equals(kept.stored(), stored)) return kept.config();
        }
        CorsConfig config = CorsConfig.fromStored(stored, xml);
        synchronized (parsed) {
            parsed.put(bucket, new Parsed(stored, config));
        }
        return config;
    }
}
