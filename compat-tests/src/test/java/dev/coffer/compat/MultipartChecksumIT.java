package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.api.checksum.Crc64Nvme;
import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.Multipart;
import dev.coffer.compat.support.TestData;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;

/**
 * Part checksums verified, COMPOSITE and FULL_OBJECT checksums at completion (CRC32, CRC32C,
 * CRC64NVME), and the object's checksum on HEAD/GET and per part in GetObjectAttributes.
 */
@ExtendWith(CofferServerExtension.class)
class MultipartChecksumIT {
    private static final int MIB = TestData.MIB;
    private static CofferServer server;
    private static S3Client s3;
    private static String bucket;
    private static final byte[] P1 = TestData.randomBytes(5 * MIB, 31);
    private static final byte[] P2 = TestData.randomBytes(MIB + 3, 32);

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        s3 = server.s3();
        bucket = server.createBucket("mp-checksum");
    }

    private static String complete(String key, ChecksumAlgorithm algorithm, ChecksumType type) {
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).checksumAlgorithm(algorithm).checksumType(type))
                .uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        byte[][] bytes = {P1, P2};
        for (int i = 0; i < 2; i++) {
            int n = i + 1;
            var r = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(id).partNumber(n).checksumAlgorithm(algorithm),
                    RequestBody.fromBytes(bytes[n - 1]));
            parts.add(CompletedPart.builder().partNumber(n).eTag(r.eTag()).checksumCRC32(r.checksumCRC32())
                    .checksumCRC32C(r.checksumCRC32C()).build());
        }
        s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id).multipartUpload(m -> m.parts(parts)));
        return id;
    }

    @Test
    void compositeCrc32IsTheCrcOfThePartCrcsWithThePartCount() {
        complete("composite", ChecksumAlgorithm.CRC32, ChecksumType.COMPOSITE);
        String expected = crcOf(new CRC32(), Base64.getDecoder().decode(TestData.crc32Base64(P1)),
                Base64.getDecoder().decode(TestData.crc32Base64(P2))) + "-2";
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("composite").checksumMode(ChecksumMode.ENABLED));
        assertThat(head.checksumCRC32()).isEqualTo(expected);
        assertThat(head.checksumType()).isEqualTo(ChecksumType.COMPOSITE);
        GetObjectAttributesResponse attributes = s3.getObjectAttributes(b -> b.bucket(bucket).key("composite")
                .objectAttributes(ObjectAttributes.E_TAG, ObjectAttributes.CHECKSUM, ObjectAttributes.OBJECT_PARTS,
                        ObjectAttributes.STORAGE_CLASS, ObjectAttributes.OBJECT_SIZE).maxParts(1));
        assertThat(attributes.checksum().checksumCRC32()).isEqualTo(expected);
        assertThat(attributes.objectSize()).isEqualTo((long) P1.length + P2.length);
        assertThat(attributes.eTag()).isEqualTo(Multipart.etagOf(P1, P2).replace("\"", ""));
        assertThat(attributes.objectParts().totalPartsCount()).isEqualTo(2);
        assertThat(attributes.objectParts().isTruncated()).isTrue();
        assertThat(attributes.objectParts().parts()).singleElement().satisfies(p -> {
            assertThat(p.partNumber()).isEqualTo(1);
            assertThat(p.size()).isEqualTo((long) P1.length);
            assertThat(p.checksumCRC32()).isEqualTo(TestData.crc32Base64(P1));
        });
        // A part read carries the part's own checksum, which the SDK validates as it reads.
        byte[] second = s3.getObjectAsBytes(b -> b.bucket(bucket).key("composite").partNumber(2)
                .checksumMode(ChecksumMode.ENABLED)).asByteArray();
        assertThat(second).isEqualTo(P2);
    }

    @Test
    void copyOfACompositeMultipartObjectKeepsItsChecksumTypeAndPartReads() {
        complete("composite-src", ChecksumAlgorithm.CRC32, ChecksumType.COMPOSITE);
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("composite-src").destinationBucket(bucket)
                .destinationKey("composite-copy"));
        HeadObjectResponse source = s3.headObject(b -> b.bucket(bucket).key("composite-src").checksumMode(ChecksumMode.ENABLED));
        HeadObjectResponse copy = s3.headObject(b -> b.bucket(bucket).key("composite-copy").checksumMode(ChecksumMode.ENABLED));
        assertThat(copy.checksumType()).isEqualTo(ChecksumType.COMPOSITE);
        assertThat(copy.checksumCRC32()).isEqualTo(source.checksumCRC32());
        assertThat(copy.eTag()).isEqualTo(source.eTag());
        HeadObjectResponse part2 = s3.headObject(b -> b.bucket(bucket).key("composite-copy").partNumber(2));
        assertThat(part2.partsCount()).isEqualTo(2);
        assertThat(part2.contentLength()).isEqualTo((long) P2.length);
        byte[] second = s3.getObjectAsBytes(b -> b.bucket(bucket).key("composite-copy").partNumber(2)
                .checksumMode(ChecksumMode.ENABLED)).asByteArray();
        assertThat(second).isEqualTo(P2);
    }

    @Test
    void fullObjectCrc32cIsTheCrcOfTheWholeObject() {
        complete("full-crc32c", ChecksumAlgorithm.CRC32_C, ChecksumType.FULL_OBJECT);
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("full-crc32c").checksumMode(ChecksumMode.ENABLED));
        assertThat(head.checksumCRC32C()).isEqualTo(crcOf(new CRC32C(), P1, P2));
        assertThat(head.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
        // The SDK validates a whole-object FULL_OBJECT checksum on GET.
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("full-crc32c").checksumMode(ChecksumMode.ENABLED))
                .asByteArray()).hasSize(P1.length + P2.length);
    }

    @Test
    void fullObjectCrc64NvmeFromRawRequestsIsCombinedFromItsParts() {
        String key = "full-crc64";
        String create = new String(server.raw().signed("POST", "/" + bucket + "/" + key + "?uploads",
                Map.of("x-amz-checksum-algorithm", "CRC64NVME"), new byte[0]).body(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<UploadId>([^<]+)</UploadId>").matcher(create);
        assertThat(m.find()).as(create).isTrue();
        String id = m.group(1);
        StringBuilder body = new StringBuilder("<CompleteMultipartUpload>");
        byte[][] parts = {P1, P2};
        for (int i = 0; i < 2; i++) {
            String crc = crcOf(new Crc64Nvme(), parts[i]);
            var r = server.raw().signed("PUT", "/" + bucket + "/" + key + "?partNumber=" + (i + 1) + "&uploadId=" + id,
                    Map.of("x-amz-checksum-crc64nvme", crc), parts[i]);
            assertThat(r.statusCode()).isEqualTo(200);
            body.append("<Part><PartNumber>").append(i + 1).append("</PartNumber><ETag>")
                    .append(r.headers().firstValue("ETag").orElseThrow()).append("</ETag><ChecksumCRC64NVME>")
                    .append(crc).append("</ChecksumCRC64NVME></Part>");
        }
        var done = server.raw().signed("POST", "/" + bucket + "/" + key + "?uploadId=" + id,
                Map.of("x-amz-checksum-crc64nvme", crcOf(new Crc64Nvme(), P1, P2)),
                body.append("</CompleteMultipartUpload>").toString().getBytes(StandardCharsets.UTF_8));
        assertThat(done.statusCode()).as(new String(done.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(new String(done.body(), StandardCharsets.UTF_8)).contains("<ChecksumType>FULL_OBJECT</ChecksumType>");
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
        assertThat(head.checksumCRC64NVME()).isEqualTo(crcOf(new Crc64Nvme(), P1, P2));
    }

    @Test
    void wrongPartChecksumIsBadDigestAndNothingIsStored() {
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("bad").checksumAlgorithm(ChecksumAlgorithm.CRC32))
                .uploadId();
        assertS3Error(400, "BadDigest", () -> s3.uploadPart(b -> b.bucket(bucket).key("bad").uploadId(id).partNumber(1)
                .checksumCRC32(TestData.crc32Base64("other".getBytes())), RequestBody.fromBytes(P2)));
        assertS3Error(400, "BadDigest", () -> s3.uploadPart(b -> b.bucket(bucket).key("bad").uploadId(id).partNumber(1)
                .contentMD5(TestData.md5Base64("other".getBytes())), RequestBody.fromBytes(P2)));
        assertS3Error(400, "InvalidRequest", () -> s3.uploadPart(b -> b.bucket(bucket).key("bad").uploadId(id).partNumber(1)
                .checksumAlgorithm(ChecksumAlgorithm.SHA256), RequestBody.fromBytes(P2)));
        assertThat(s3.listParts(b -> b.bucket(bucket).key("bad").uploadId(id)).parts()).isEmpty();
        assertS3Error(400, "InvalidRequest", () -> s3.createMultipartUpload(b -> b.bucket(bucket).key("bad")
                .checksumAlgorithm(ChecksumAlgorithm.SHA256).checksumType(ChecksumType.FULL_OBJECT)));
    }

    private static String crcOf(Checksum crc, byte[]... parts) {
        for (byte[] p : parts) crc.update(ByteBuffer.wrap(p));
        long v = crc.getValue();
        int bytes = crc instanceof Crc64Nvme ? 8 : 4;
        byte[] out = new byte[bytes];
        for (int i = 0; i < bytes; i++) out[i] = (byte) (v >>> (8 * (bytes - 1 - i)));
        return Base64.getEncoder().encodeToString(out);
    }
}
