package dev.coffer.api.checksum;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/**
 * The flexible checksum a write carries: its algorithm, and its value either in an
 * {@code x-amz-checksum-*} header or announced by {@code x-amz-trailer} to follow the body.
 *
 * @param expected the header's value, or null when it comes in the trailer
 */
public record ChecksumRequest(ChecksumAlgorithm algorithm, String expected) {

    /** Reads the checksum headers of a write; empty when it carries none. InvalidRequest when they contradict. */
    public static Optional<ChecksumRequest> from(HttpHeaders headers) {
        ChecksumAlgorithm inHeader = null;
        String value = null;
        for (String name : headers.headerNames()) {
            Optional<ChecksumAlgorithm> a = ChecksumAlgorithm.byHeader(name);
            if (a.isEmpty()) continue;
            if (inHeader != null) {
                throw invalid("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
            }
            inHeader = a.get();
            value = headers.getFirst(name);
        }
        String trailer = headers.getFirst("x-amz-trailer");
        ChecksumAlgorithm inTrailer = trailer == null ? null : ChecksumAlgorithm.byHeader(trailer)
                .orElseThrow(() -> invalid("The value specified in the x-amz-trailer header is not supported"));
        String sdk = headers.getFirst("x-amz-sdk-checksum-algorithm");
        ChecksumAlgorithm named = sdk == null ? null : ChecksumAlgorithm.named(sdk)
                .orElseThrow(() -> invalid("Value for x-amz-sdk-checksum-algorithm header is invalid."));
        if (inHeader != null && inTrailer != null) {
            throw invalid("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
        }
        ChecksumAlgorithm algorithm = inHeader != null ? inHeader : inTrailer;
        if (algorithm == null) {
            if (named != null) {
                throw invalid("x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.");
            }
            return Optional.empty();
        }
        if (named != null && named != algorithm) {
            throw invalid("Value for x-amz-sdk-checksum-algorithm header is invalid.");
        }
        if (value != null) checkForm(algorithm, value);
        return Optional.of(new ChecksumRequest(algorithm, value));
    }

    /** BadDigest when the computed value differs from the header's or the trailer's. */
    public void verify(String computed, Map<String, String> trailers) {
        String given = expected;
        if (given == null) {
            given = trailers.get(algorithm.header());
            if (given == null) throw invalid("The x-amz-trailer " + algorithm.header() + " was not received.");
            checkForm(algorithm, given);
        }
        if (!given.trim().equals(computed)) {
            throw S3Exception.of(S3ErrorCode.BadDigest)
                    .withMessage("The " + algorithm.name() + " you specified did not match the calculated checksum.");
        }
    }

    /**
     * The value must be the padded base64 of a digest of the algorithm's length, the one form
     * {@link #verify} can match: the JDK decoder alone would also take unpadded input.
     */
    private static void checkForm(ChecksumAlgorithm algorithm, String value) {
        String sample = algorithm.newCalculator().base64();
        String v = value.trim();
        try {
            byte[] bytes = Base64.getDecoder().decode(v);
            if (bytes.length == Base64.getDecoder().decode(sample).length
                    && Base64.getEncoder().encodeToString(bytes).equals(v)) return;
        } catch (IllegalArgumentException ignored) {
            // falls through
        }
        throw invalid("Value for " + algorithm.header().toLowerCase(Locale.ROOT) + " header is invalid.");
    }

    private static S3Exception invalid(String message) {
        return S3Exception.of(S3ErrorCode.InvalidRequest).withMessage(message);
    }
}
