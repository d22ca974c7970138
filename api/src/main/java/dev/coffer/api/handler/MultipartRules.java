package dev.coffer.api.handler;

import dev.coffer.api.checksum.ChecksumAlgorithm;
import dev.coffer.api.checksum.ChecksumRequest;
import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.server.S3Call;
import dev.coffer.metadata.UploadRecord;
import java.util.Locale;
import java.util.Optional;

/** What S3 checks of multipart requests: part numbers, paging parameters, checksum choices. */
final class MultipartRules {
    static final int MAX_PART_NUMBER = 10_000;
    /** Every part but the last must be at least 5 MiB at completion. */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** A part holds at most 5 GiB. */
    static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;
    static final String COMPOSITE = "COMPOSITE";
    static final String FULL_OBJECT = "FULL_OBJECT";

    private MultipartRules() {}

    /** The partNumber query parameter, 1..10,000; InvalidArgument otherwise. */
    static int partNumber(S3Call call) {
        String value = call.s3().param("partNumber");
        try {
            return checkPartNumber(Integer.parseInt(value == null ? "" : value.trim()));
        } catch (NumberFormatException e) {
            throw invalidPartNumber(String.valueOf(value));
        }
    }

    /** A part number S3 accepts (1..10,000), as in a CompleteMultipartUpload body; InvalidArgument otherwise. */
    static int checkPartNumber(int n) {
        if (n >= 1 && n <= MAX_PART_NUMBER) return n;
        throw invalidPartNumber(Integer.toString(n));
    }

    private static S3Exception invalidPartNumber(String value) {
        return S3Exception.of(S3ErrorCode.InvalidArgument)
                .withMessage("Part number must be an integer between 1 and 10000, inclusive")
                .with("ArgumentName", "partNumber").with("ArgumentValue", value);
    }

    /** A non-negative integer parameter (max-parts, part-number-marker, …), capped; InvalidArgument otherwise. */
    static int count(S3Call call, String name, int absent, int cap) {
        String value = call.s3().param(name);
        if (value == null || value.isEmpty()) return absent;
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0) return Math.min(n, cap);
        } catch (NumberFormatException ignored) {
            // falls through
        }
        throw S3Exception.of(S3ErrorCode.InvalidArgument)
                .withMessage("Provided " + name + " not an integer or within integer range")
                .with("ArgumentName", name).with("ArgumentValue", value);
    }

    /** x-amz-checksum-algorithm and x-amz-checksum-type of CreateMultipartUpload: {algorithm, type}, nulls for none. */
    static String[] checksumChoice(S3Call call) {
        String algorithmHeader = call.header("x-amz-checksum-algorithm");
        String typeHeader = call.header("x-amz-checksum-type");
        if (algorithmHeader == null) {
            if (typeHeader != null) throw invalid("The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.");
            return new String[] {null, null};
        }
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.named(algorithmHeader)
                .orElseThrow(() -> invalid("Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]"));
        boolean crc = algorithm != ChecksumAlgorithm.SHA1 && algorithm != ChecksumAlgorithm.SHA256;
        String type = typeHeader == null
                ? (algorithm == ChecksumAlgorithm.CRC64NVME ? FULL_OBJECT : COMPOSITE)
                : typeHeader.trim().toUpperCase(Locale.ROOT);
        if (!type.equals(COMPOSITE) && !type.equals(FULL_OBJECT)) throw invalid("Value for x-amz-checksum-type header is invalid.");
        if (type.equals(FULL_OBJECT) && !crc || type.equals(COMPOSITE) && algorithm == ChecksumAlgorithm.CRC64NVME) {
            throw invalid("The " + algorithm + " checksum algorithm does not support the " + type + " checksum type.");
        }
        return new String[] {algorithm.name(), type};
    }

    /**
     * The algorithm a part is hashed with: the upload's, or else the one the request carries.
     * InvalidRequest when the request carries another algorithm than the upload's.
     */
    static ChecksumAlgorithm partAlgorithm(UploadRecord upload, Optional<ChecksumRequest> request) {
        ChecksumAlgorithm chosen = upload.checksumAlgorithm() == null ? null : ChecksumAlgorithm.valueOf(upload.checksumAlgorithm());
        if (request.isEmpty()) return chosen;
        ChecksumAlgorithm sent = request.get().algorithm();
        if (chosen != null && sent != chosen) {
            throw invalid("Checksum Type mismatch occurred, expected checksum Type: " + chosen.name().toLowerCase(Locale.ROOT)
                    + ", actual checksum Type: " + sent.name().toLowerCase(Locale.ROOT));
        }
        return sent;
    }

    /**
     * CompleteMultipartUpload's x-amz-mp-object-size: the size the completed object must have
     * (null when absent); InvalidArgument when it is no non-negative number.
     */
    static Long expectedObjectSize(String value) {
        if (value == null) return null;
        try {
            long size = Long.parseLong(value.trim());
            if (size >= 0) return size;
        } catch (NumberFormatException ignored) {
            // falls through
        }
        throw S3Exception.of(S3ErrorCode.InvalidArgument).withMessage("Invalid x-amz-mp-object-size: " + value)
                .with("ArgumentName", "x-amz-mp-object-size").with("ArgumentValue", value);
    }

    private static S3Exception invalid(String message) {
        return S3Exception.of(S3ErrorCode.InvalidRequest).withMessage(message);
    }
}
