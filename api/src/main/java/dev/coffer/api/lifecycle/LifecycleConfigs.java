package dev.coffer.api.lifecycle;

import dev.coffer.api.xml.LifecycleConfiguration;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.metadata.Catalog;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bucket's lifecycle configuration: stored with {@code SetBucketConfig} under the name
 * {@value #NAME} as the LifecycleConfiguration document Coffer answers GetBucketLifecycleConfiguration
 * with (IDs filled in), and read back as rules. Blocking.
 *
 * <p>The rules are asked on every PUT, GET and HEAD (x-amz-expiration), so each bucket's are kept
 * parsed in memory (none too: most buckets have no configuration), one entry per bucket read.
 * An entry is dropped when a command that changes the bucket applies ({@link Catalog#onBucketChange}):
 * on every replica of a cluster, as the applier commits it, never by the request that asked for
 * the change alone. A read that raced with such a change does not keep what it read.
 */
public final class LifecycleConfigs {
    public static final String NAME = "lifecycle";

    private record Cached(List<LifecycleRule> rules) {}

    private final Catalog catalog;
    private final S3Xml xml;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();
    /** Bucket changes applied so far; a read keeps what it read only if none applied meanwhile. */
    private final AtomicLong changes = new AtomicLong();

    public LifecycleConfigs(Catalog catalog, S3Xml xml) {
        this.catalog = catalog;
        this.xml = xml;
        catalog.onBucketChange(this::changed);
    }

    /** The stored document, if any (read from the catalogue, not cached: GetBucketLifecycleConfiguration). */
    public Optional<byte[]> document(String bucket) {
        return catalog.bucketConfig(bucket, NAME);
    }

    /** The bucket's rules if they are in memory (they need no read), else null; never blocks. */
    public List<LifecycleRule> knownRules(String bucket) {
        Cached cached = cache.get(bucket);
        return cached == null ? null : cached.rules();
    }

    /** The bucket's rules (enabled or not); empty when it has no configuration. */
    public List<LifecycleRule> rules(String bucket) {
        Cached cached = cache.get(bucket);
        if (cached != null) return cached.rules();
        long before = changes.get();
        List<LifecycleRule> rules = document(bucket)
                .map(bytes -> LifecycleRules.parse(xml.read(bytes, LifecycleConfiguration.class)))
                .orElse(List.of());
        Cached read = new Cached(rules);
        cache.put(bucket, read);
        // A change that committed after the read may have been announced before the put: then
        // what was read is not kept. (The announcement counts first and removes second.)
        if (changes.get() != before) cache.remove(bucket, read);
        return rules;
    }

    /** Validates, fills in IDs and stores {@code config}; returns the stored document. */
    public byte[] store(String bucket, LifecycleConfiguration config) {
        List<LifecycleRule> rules = LifecycleRules.parse(config);
        byte[] document = xml.write(LifecycleRules.withIds(config, rules));
        catalog.setBucketConfig(bucket, NAME, document);
        return document;
    }

    public void delete(String bucket) {
        catalog.setBucketConfig(bucket, NAME, null);
    }

    /** A command changed {@code bucket} (null: every bucket); told by the catalogue after it committed. */
    private void changed(String bucket) {
        changes.incrementAndGet();
        if (bucket == null) {
            cache.clear();
        } else {
            cache.remove(bucket);
        }
    }
}
