package dev.coffer.api.handler;

import dev.coffer.api.checksum.ChecksumAlgorithm;
import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.http.ByteRange;
import dev.coffer.api.http.ObjectHeaders;
import dev.coffer.api.server.S3Call;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.PartInfo;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/**
 * GET and HEAD of one part (?partNumber=N) and the multipart headers of GET/HEAD:
 * x-amz-mp-parts-count (with partNumber), and the checksum with its type (the part's own checksum for a part read).
 * On an object not made by a multipart upload, part 1 is the whole object and any other number is
 * InvalidPartNumber, as S3 answers.
 */
final class PartReads {
    private PartReads() {}

    /** InvalidArgument for a partNumber outside 1..10,000; InvalidRequest for partNumber with a Range. */
    static void checkRequest(S3Call call) {
        if (!call.s3().has("partNumber")) return;
        MultipartRules.partNumber(call);
        if (call.header(HttpHeaders.RANGE) != null) {
            throw S3Exception.of(S3ErrorCode.InvalidRequest).withMessage("Cannot specify both Range header and partNumber query parameter");
        }
    }

    /**
     * The byte range of the requested part, or empty when no part is asked (or the object is empty);
     * 400 InvalidPartNumber past the object's parts. REQUIRES: {@link #checkRequest} passed.
     */
    static Optional<ByteRange> range(S3Call call, ObjectRecord record) {
        if (!call.s3().has("partNumber")) return Optional.empty();
        int number = MultipartRules.partNumber(call);
        int count = record.parts().isEmpty() ? 1 : record.parts().size();
        if (number > count) {
            throw S3Exception.of(S3ErrorCode.InvalidPartNumber).with("PartNumberRequested", Integer.toString(number))
                    .with("ActualPartCount", Integer.toString(count));
        }
        if (record.parts().isEmpty()) {
            return record.size() == 0 ? Optional.empty() : Optional.of(new ByteRange(0, record.size() - 1));
        }
        long first = 0;
        for (PartInfo p : record.parts().subList(0, number - 1)) first += p.size();
        long size = record.parts().get(number - 1).size();
        return size == 0 ? Optional.empty() : Optional.of(new ByteRange(first, first + size - 1));
    }

    /**
     * x-amz-mp-parts-count for a part read of a multipart object, and with x-amz-checksum-mode: ENABLED the
     * checksum that describes the bytes sent: the object's for a whole read, the part's for a part
     * read, none for any other range.
     */
    static void writeHeaders(S3Call call, ObjectRecord record, boolean ranged, HttpHeaders out) {
        // S3 sends the count only to a request that names a part (API_GetObject, x-amz-mp-parts-count).
        if (call.s3().has("partNumber") && !record.parts().isEmpty()) {
            out.set("x-amz-mp-parts-count", Integer.toString(record.parts().size()));
        }
        if (!"ENABLED".equalsIgnoreCase(call.header("x-amz-checksum-mode"))) return;
        if (call.s3().has("partNumber") && !record.parts().isEmpty()) {
            PartInfo part = record.parts().get(MultipartRules.partNumber(call) - 1);
            String algorithm = record.checksums().keySet().stream().findFirst().orElse(null);
            if (algorithm != null && part.checksum() != null) {
                out.set(ChecksumAlgorithm.valueOf(algorithm).header(), part.checksum());
                out.set("x-amz-checksum-type", record.checksumType());
            }
        } else if (!ranged || call.s3().has("partNumber")) {
            ObjectHeaders.writeChecksums(record, out);
            if (record.checksumType() != null && !record.checksums().isEmpty()) {
                out.set("x-amz-checksum-type", record.checksumType());
            }
        }
    }
}
