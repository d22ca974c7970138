package dev.coffer.api.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every {@code coffer.*} setting, with its default. Environment variables override them
 * ({@code COFFER_ACCESS_KEY}, {@code COFFER_SECRET_KEY}, {@code COFFER_DATA_DIR}, … — see
 * application.properties), command-line flags override both.
 *
 * @param dataDir where chunks, the catalogue and the generated credentials live
 * @param accessKey root access key; blank → read or generate the pair stored in the data dir
 * @param secretKey root secret key
 * @param region the region Coffer reports (GetBucketLocation, x-amz-bucket-region)
 * @param domain base domain for virtual-hosted-style requests ({@code bucket.<domain>}); blank = path-style only
 * @param inlineThreshold objects up to this many bytes live inside their metadata record
 * @param maxChunkSize payload bytes of one chunk file
 * @param syncWrites sync the RocksDB WAL before a write answers 2xx (chunk data is fsynced whatever this says)
 * @param ioThreads threads of the bounded scheduler for disk and RocksDB calls
 * @param gcGrace how long superseded chunks stay on disk for readers that resolved them
 * @param gcInterval how often the collector runs
 * @param diskReserve room left free on the data directory's file system: object writes are refused
 *     (503 ServiceUnavailable, "disk full") while less is usable, so deletes and the catalogue
 *     always have space and an operator can free some through the S3 API
 */
@ConfigurationProperties("coffer")
public record CofferProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("") String accessKey,
        @DefaultValue("") String secretKey,
        @DefaultValue("us-east-1") String region,
        @DefaultValue("") String domain,
        @DefaultValue("32768") int inlineThreshold,
        @DefaultValue("67108864") long maxChunkSize,
        @DefaultValue("true") boolean syncWrites,
        @DefaultValue("32") int ioThreads,
        @DefaultValue("60s") Duration gcGrace,
        @DefaultValue("10s") Duration gcInterval,
        @DefaultValue("64MB") DataSize diskReserve) {}
