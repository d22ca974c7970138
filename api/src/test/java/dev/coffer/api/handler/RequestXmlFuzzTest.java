package dev.coffer.api.handler;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.tagging.TagSets;
import dev.coffer.api.xml.CompleteMultipartUpload;
import dev.coffer.api.xml.CreateBucketConfiguration;
import dev.coffer.api.xml.Delete;
import dev.coffer.api.xml.LegalHold;
import dev.coffer.api.xml.ObjectLockConfiguration;
import dev.coffer.api.xml.Retention;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.api.xml.VersioningConfiguration;
import dev.coffer.metadata.ChunkPointer;
import dev.coffer.metadata.PartRecord;
import dev.coffer.metadata.UploadRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the XML request bodies as the handlers read them: {@link S3Xml#read} into each request
 * document, then what the handler does with the result before touching storage —
 * {@link CompletionPlan} against three uploaded parts (CompleteMultipartUpload), the key-count
 * check (Delete), {@link PutBucketVersioningHandler#state} (VersioningConfiguration), S3's tag
 * rules ({@link TagSets}: a Tagging document, and an x-amz-tagging header read from the same
 * bytes), the Object Lock readers ({@link ObjectLockHandlers}). The first byte of an input picks
 * the document (0 CompleteMultipartUpload, 1 Delete, 2 CreateBucketConfiguration, 3
 * VersioningConfiguration, 4 Tagging, 5 x-amz-tagging, 6 ObjectLockConfiguration, 7 Retention,
 * 8 LegalHold; modulo 9); the rest is the body. Seeds:
 * the AWS reference's request examples and what the SDKs send, in
 * {@code RequestXmlFuzzTestInputs/read}.
 *
 * <p>Accepted outcomes: a document, or an S3Exception with a 4xx code (MalformedXML, InvalidPart,
 * …) or NotImplemented (MFA delete). Anything else fails.
 */
class RequestXmlFuzzTest {
    private static final S3Xml XML = new S3Xml();
    private static final UploadRecord UPLOAD = new UploadRecord("b", "k", "upload-1", 0, Map.of(), Map.of(),
            "CRC32", "COMPOSITE", "STANDARD", "root");
    /** Parts 1 and 2 of 5 MiB and a last part 3 of 1 byte, as the reference's example lists them. */
    private static final List<PartRecord> PARTS = List.of(
            part(1, MultipartRules.MIN_PART_SIZE, "a54357aff0632cce46d942af68356b38", "dUTFRQ=="),
            part(2, MultipartRules.MIN_PART_SIZE, "0c78aef83f66abc1fa1e8477f296d394", "xOQzRg=="),
            part(3, 1, "acbd18db4cc2f85cedef654fccc4a4d8", "jHNlIQ=="));

    @FuzzTest
    void read(byte[] input) {
        if (input.length == 0) return;
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        try {
            switch ((input[0] & 0xFF) % 9) {
                case 0 -> {
                    CompleteMultipartUpload complete = XML.read(body, CompleteMultipartUpload.class);
                    assertNotNull(complete.parts());
                    new CompletionPlan(complete.parts(), Map.of()).build(UPLOAD, PARTS);
                }
                case 1 -> {
                    Delete delete = XML.read(body, Delete.class);
                    assertTrue(delete.objects().size() <= body.length, "no more objects than bytes");
                }
                case 2 -> XML.read(body, CreateBucketConfiguration.class);
                case 3 -> assertNotNull(PutBucketVersioningHandler.state(XML.read(body, VersioningConfiguration.class)));
                case 4 -> assertTrue(TagSets.fromXml(XML, body, TagSets.Scope.BUCKET).size() <= TagSets.Scope.BUCKET.max());
                case 5 -> assertTrue(TagSets.fromHeader(new String(body, StandardCharsets.ISO_8859_1)).size()
                        <= TagSets.Scope.OBJECT.max());
                case 6 -> ObjectLockHandlers.PutObjectLockConfiguration.rule(XML.read(body, ObjectLockConfiguration.class));
                case 7 -> ObjectLockHandlers.PutObjectRetention.retention(XML.read(body, Retention.class), 0);
                default -> XML.read(body, LegalHold.class);
            }
        } catch (S3Exception refused) {
            int status = refused.code().status();
            assertTrue(status >= 400 && status < 500 || refused.code() == S3ErrorCode.NotImplemented,
                    "answered " + refused.code().code());
        }
    }

    private static PartRecord part(int number, long size, String etag, String crc32) {
        return new PartRecord(number, size, etag, 0, "CRC32", crc32, List.of(new ChunkPointer("chunk-" + number, size)));
    }
}
