package dev.coffer.api.lifecycle;

import dev.coffer.api.xml.LifecycleConfiguration;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.metadata.Catalog;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bucket's lifecycle configuration: stored with {@code SetBucketConfig} under the name
 * {@value #NAME} as the LifecycleConfiguration document Coffer answers GetBucketLifecycleConfiguration
 * with (IDs filled in), and read back as rules, parsed once per stored value. Blocking.
 */
public final class LifecycleConfigs {
    public static final String NAME = "lifecycle";

    private record Parsed(byte[] bytes, List<LifecycleRule> rules) {}

    private final Catalog catalog;
    private final S3Xml xml;
    /** One entry per bucket that had a configuration read; a stale entry is replaced on its next read. */
    private final ConcurrentHashMap<String, Parsed> parsed = new ConcurrentHashMap<>();

    public LifecycleConfigs(Catalog catalog, S3Xml xml) {
        this.catalog = catalog;
        this.xml = xml;
    }

    /** The stored document, if any. */
    public Optional<byte[]> document(String bucket) {
        return catalog.bucketConfig(bucket, NAME);
    }

    /** The bucket's rules (enabled or not); empty when it has no configuration. */
    public List<LifecycleRule> rules(String bucket) {
        Optional<byte[]> bytes = document(bucket);
        if (bytes.isEmpty()) {
            parsed.remove(bucket);
            return List.of();
        }
        Parsed cached = parsed.get(bucket);
        if (cached != null && Arrays.equals(cached.bytes(), bytes.get())) return cached.rules();
        List<LifecycleRule> rules = LifecycleRules.parse(xml.read(bytes.get(), LifecycleConfiguration.class));
        parsed.put(bucket, new Parsed(bytes.get(), rules));
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
        parsed.remove(bucket);
    }
}
