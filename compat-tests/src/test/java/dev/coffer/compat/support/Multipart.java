package dev.coffer.compat.support;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/** Multipart uploads through the SDK's low-level calls, and the ETag S3 gives their result. */
public final class Multipart {
    private Multipart() {
    }

    public static String create(S3Client s3, String bucket, String key) {
        return s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
    }

    public static String create(S3Client s3, CreateMultipartUploadRequest request) {
        return s3.createMultipartUpload(request).uploadId();
    }

    public static CompletedPart upload(S3Client s3, String bucket, String key, String uploadId, int number, byte[] bytes) {
        UploadPartResponse r = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                RequestBody.fromBytes(bytes));
        return CompletedPart.builder().partNumber(number).eTag(r.eTag()).checksumCRC32(r.checksumCRC32())
                .checksumCRC32C(r.checksumCRC32C()).checksumCRC64NVME(r.checksumCRC64NVME())
                .checksumSHA1(r.checksumSHA1()).checksumSHA256(r.checksumSHA256()).build();
    }

    /** Uploads each array as a part numbered from 1 and completes the upload; returns the ETag. */
    public static String put(S3Client s3, String bucket, String key, byte[]... parts) {
        String id = create(s3, bucket, key);
        List<CompletedPart> done = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) done.add(upload(s3, bucket, key, id, i + 1, parts[i]));
        return s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id)
                .multipartUpload(m -> m.parts(done))).eTag();
    }

    /** "hex(MD5(md5(p1) ‖ … ‖ md5(pN)))-N", quoted. */
    public static String etagOf(byte[]... parts) {
        try {
            MessageDigest outer = MessageDigest.getInstance("MD5");
            for (byte[] p : parts) outer.update(MessageDigest.getInstance("MD5").digest(p));
            return "\"" + HexFormat.of().formatHex(outer.digest()) + "-" + parts.length + "\"";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
