package dev.coffer.api.handler;

import dev.coffer.api.checksum.ChecksumAlgorithm;
import dev.coffer.api.checksum.CrcCombine;
import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.xml.CompleteMultipartUpload;
import dev.coffer.metadata.ChunkPointer;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.PartInfo;
import dev.coffer.metadata.PartRecord;
import dev.coffer.metadata.UploadCompletion;
import dev.coffer.metadata.UploadRecord;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks the part list of a CompleteMultipartUpload against the uploaded parts and builds the
 * object: its chunks are the chosen parts' chunks, in order (nothing is copied); its ETag is
 * hex(MD5(part MD5s)) + "-N"; its checksum is COMPOSITE (the algorithm over the concatenated part
 * checksums, "-N") or FULL_OBJECT (the part CRCs combined), as the upload chose.
 */
final class CompletionPlan implements UploadCompletion.Plan {
    private final List<CompleteMultipartUpload.Part> requested;
    /** The whole-object checksum the request carries (x-amz-checksum-*), or null. */
    private final Map<String, String> declared;

    /** The object size the request expects (x-amz-mp-object-size), or null. */
    private final Long expectedSize;

    CompletionPlan(List<CompleteMultipartUpload.Part> requested, Map<String, String> declared) {
        this(requested, declared, null);
    }

    CompletionPlan(List<CompleteMultipartUpload.Part> requested, Map<String, String> declared, Long expectedSize) {
        this.requested = requested;
        this.declared = declared;
        this.expectedSize = expectedSize;
    }

    @Override
    public ObjectRecord build(UploadRecord upload, List<PartRecord> uploaded) {
        Map<Integer, PartRecord> byNumber = uploaded.stream().collect(Collectors.toMap(PartRecord::partNumber, Function.identity()));
        int previous = 0;
        for (CompleteMultipartUpload.Part want : requested) {
            int number = want.partNumber() == null ? 0 : want.partNumber();
            if (number <= previous) throw S3Exception.of(S3ErrorCode.InvalidPartOrder).with("UploadId", upload.uploadId());
            previous = number;
        }
        List<PartRecord> chosen = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            CompleteMultipartUpload.Part want = requested.get(i);
            int number = want.partNumber();
            PartRecord part = byNumber.get(number);
            if (part == null || want.eTag() == null || !unquoted(want.eTag()).equals(part.etag())
                    || !checksumsMatch(want, part)) {
                throw S3Exception.of(S3ErrorCode.InvalidPart).with("UploadId", upload.uploadId())
                        .with("PartNumber", Integer.toString(number)).with("ETag", String.valueOf(want.eTag()));
            }
            if (i < requested.size() - 1 && part.size() < MultipartRules.MIN_PART_SIZE) {
                throw S3Exception.of(S3ErrorCode.EntityTooSmall).with("ProposedSize", Long.toString(part.size()))
                        .with("MinSizeAllowed", Long.toString(MultipartRules.MIN_PART_SIZE))
                        .with("PartNumber", Integer.toString(number)).with("ETag", dev.coffer.api.http.ETags.quote(part.etag()));
            }
            chosen.add(part);
        }
        Map<String, String> checksums = objectChecksum(upload, chosen);
        declared.forEach((algorithm, value) -> {
            String ours = checksums.get(algorithm);
            if (ours != null && !ours.equals(value) && !ours.equals(value + "-" + chosen.size())) {
                throw S3Exception.of(S3ErrorCode.BadDigest)
                        .withMessage("The " + algorithm + " you specified did not match the calculated checksum.");
            }
        });
        List<ChunkPointer> chunks = new ArrayList<>();
        List<PartInfo> parts = new ArrayList<>();
        long size = 0;
        for (PartRecord p : chosen) {
            chunks.addAll(p.chunks());
            parts.add(new PartInfo(p.partNumber(), p.size(), p.etag(), p.checksum()));
            size += p.size();
        }
        if (expectedSize != null && expectedSize != size) {
            // S3's answer to a mismatch (API reference, x-amz-mp-object-size); its message is Coffer's.
            throw S3Exception.of(S3ErrorCode.InvalidRequest).withMessage("The object size of the completed upload ("
                    + size + " bytes) does not match x-amz-mp-object-size (" + expectedSize + ").");
        }
        return ObjectRecord.ofParts(size, etag(chosen), System.currentTimeMillis(), upload.contentHeaders(),
                upload.userMetadata(), checksums, upload.checksumType(), chunks, parts);
    }

    /** A part's checksum given in the request must be the one it was uploaded with. */
    private static boolean checksumsMatch(CompleteMultipartUpload.Part want, PartRecord part) {
        for (Map.Entry<String, String> e : want.checksums().asMap().entrySet()) {
            if (!e.getKey().equals(part.checksumAlgorithm()) || !e.getValue().equals(part.checksum())) return false;
        }
        return true;
    }

    static String etag(List<PartRecord> parts) {
        MessageDigest md5 = digest("MD5");
        for (PartRecord p : parts) md5.update(HexFormat.of().parseHex(p.etag()));
        return HexFormat.of().formatHex(md5.digest()) + "-" + parts.size();
    }

    private static Map<String, String> objectChecksum(UploadRecord upload, List<PartRecord> parts) {
        String name = upload.checksumAlgorithm();
        if (name == null || parts.stream().anyMatch(p -> !name.equals(p.checksumAlgorithm()))) return Map.of();
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.valueOf(name);
        List<String> values = parts.stream().map(PartRecord::checksum).toList();
        if (MultipartRules.FULL_OBJECT.equals(upload.checksumType())) {
            return Map.of(name, CrcCombine.combineBase64(algorithm, values, parts.stream().map(PartRecord::size).toList()));
        }
        ChecksumAlgorithm.Calculator composite = algorithm.newCalculator();
        for (String v : values) composite.update(ByteBuffer.wrap(Base64.getDecoder().decode(v)));
        return Map.of(name, composite.base64() + "-" + parts.size());
    }

    private static String unquoted(String etag) {
        String t = etag.trim();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
