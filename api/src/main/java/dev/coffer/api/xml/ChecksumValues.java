package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The flexible-checksum elements S3 repeats in several shapes (ChecksumCRC32 … ChecksumSHA256),
 * unwrapped into the enclosing element. Each is base64 as in the x-amz-checksum-* headers, or
 * null (omitted).
 */
public record ChecksumValues(
        @JsonProperty("ChecksumCRC32") String crc32,
        @JsonProperty("ChecksumCRC32C") String crc32c,
        @JsonProperty("ChecksumCRC64NVME") String crc64nvme,
        @JsonProperty("ChecksumSHA1") String sha1,
        @JsonProperty("ChecksumSHA256") String sha256) {

    public static final ChecksumValues NONE = new ChecksumValues(null, null, null, null, null);

    /** From checksums keyed by algorithm name (CRC32, …), as object records keep them. */
    public static ChecksumValues of(Map<String, String> byAlgorithm) {
        return new ChecksumValues(byAlgorithm.get("CRC32"), byAlgorithm.get("CRC32C"),
                byAlgorithm.get("CRC64NVME"), byAlgorithm.get("SHA1"), byAlgorithm.get("SHA256"));
    }

    /** One value, or none when {@code algorithm} is null. */
    public static ChecksumValues of(String algorithm, String value) {
        return algorithm == null || value == null ? NONE : of(Map.of(algorithm, value));
    }

    /** The values keyed by algorithm name, nulls left out. */
    public Map<String, String> asMap() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (crc32 != null) out.put("CRC32", crc32);
        if (crc32c != null) out.put("CRC32C", crc32c);
        if (crc64nvme != null) out.put("CRC64NVME", crc64nvme);
        if (sha1 != null) out.put("SHA1", sha1);
        if (sha256 != null) out.put("SHA256", sha256);
        return out;
    }
}
