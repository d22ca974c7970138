package dev.coffer.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.metadata.ObjectRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class ObjectHeadersTest {
    private static final long MODIFIED = Instant.parse("2024-05-01T12:00:00Z").toEpochMilli();

    private static HttpHeaders headers(String... nameValues) {
        HttpHeaders h = new HttpHeaders();
        for (int i = 0; i < nameValues.length; i += 2) h.add(nameValues[i], nameValues[i + 1]);
        return h;
    }

    private static ObjectRecord record(Map<String, String> content, Map<String, String> meta, Map<String, String> checksums) {
        return ObjectRecord.ofBody(10, "etag", MODIFIED, content, meta, checksums, new byte[10], List.of());
    }

    // contentHeaders

    @Test
    void storesEveryStandardContentHeaderInS3Order() {
        HttpHeaders request = headers(
                "Expires", "Thu, 01 Dec 1994 16:00:00 GMT",
                "Cache-Control", "no-cache",
                "Content-Language", "fr",
                "Content-Disposition", "attachment; filename=\"a.txt\"",
                "Content-Encoding", "gzip",
                "Content-Type", "text/plain",
                "Content-Length", "10",
                "Host", "localhost");

        assertThat(ObjectHeaders.contentHeaders(request)).containsExactly(
                Map.entry("content-type", "text/plain"),
                Map.entry("content-encoding", "gzip"),
                Map.entry("content-disposition", "attachment; filename=\"a.txt\""),
                Map.entry("content-language", "fr"),
                Map.entry("cache-control", "no-cache"),
                Map.entry("expires", "Thu, 01 Dec 1994 16:00:00 GMT"));
    }

    @Test
    void missingContentTypeDefaultsToBinaryOctetStream() {
        assertThat(ObjectHeaders.contentHeaders(headers())).containsExactly(
                Map.entry("content-type", "binary/octet-stream"));
    }

    @Test
    void emptyContentTypeDefaultsToBinaryOctetStream() {
        assertThat(ObjectHeaders.contentHeaders(headers("Content-Type", "")))
                .containsEntry("content-type", "binary/octet-stream");
    }

    @Test
    void awsChunkedAloneIsNotStoredAsContentEncoding() {
        assertThat(ObjectHeaders.contentHeaders(headers("Content-Encoding", "aws-chunked")))
                .doesNotContainKey("content-encoding");
    }

    @Test
    void awsChunkedIsStrippedFromAContentEncodingList() {
        assertThat(ObjectHeaders.contentHeaders(headers("Content-Encoding", "aws-chunked,gzip")))
                .containsEntry("content-encoding", "gzip");
        assertThat(ObjectHeaders.contentHeaders(headers("Content-Encoding", "gzip, AWS-Chunked, br")))
                .containsEntry("content-encoding", "gzip, br");
    }

    @Test
    void theRestOfAContentEncodingListKeepsTheClientsSpelling() {
        assertThat(ObjectHeaders.contentHeaders(headers("Content-Encoding", "aws-chunked, deflate, gzip")))
                .containsEntry("content-encoding", "deflate, gzip");
        assertThat(ObjectHeaders.contentHeaders(headers("Content-Encoding", "deflate ,gzip,aws-chunked")))
                .containsEntry("content-encoding", "deflate ,gzip");
    }

    @Test
    void nonAsciiContentDispositionIsDecoded() {
        assertThat(ObjectHeaders.contentHeaders(headers("Content-Disposition", "attachment; filename==?UTF-8?B?w6k=?=")))
                .containsEntry("content-disposition", "attachment; filename=é");
    }

    // userMetadata

    @Test
    void userMetadataNamesAreLowerCasedWithoutThePrefix() {
        HttpHeaders request = headers("X-Amz-Meta-Color", "Blue", "x-amz-meta-SIZE", "Large", "X-Amz-Acl", "private");

        assertThat(ObjectHeaders.userMetadata(request))
                .containsExactlyInAnyOrderEntriesOf(Map.of("color", "Blue", "size", "Large"));
    }

    @Test
    void userMetadataValueCaseIsKept() {
        assertThat(ObjectHeaders.userMetadata(headers("x-amz-meta-a", "MiXeD"))).containsEntry("a", "MiXeD");
    }

    @Test
    void repeatedUserMetadataHeaderIsJoinedWithCommas() {
        assertThat(ObjectHeaders.userMetadata(headers("x-amz-meta-a", "1", "x-amz-meta-a", "2")))
                .containsEntry("a", "1,2");
    }

    @Test
    void nonAsciiUserMetadataIsDecoded() {
        String wire = new String("été".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        HttpHeaders request = headers("x-amz-meta-raw", wire, "x-amz-meta-word", "=?UTF-8?B?w6l0w6k=?=");

        assertThat(ObjectHeaders.userMetadata(request)).containsEntry("raw", "été").containsEntry("word", "été");
    }

    @Test
    void noUserMetadataIsEmpty() {
        assertThat(ObjectHeaders.userMetadata(headers("Content-Type", "text/plain"))).isEmpty();
    }

    @Test
    void userMetadataOfExactly2KbIsAccepted() {
        // "k" (1 byte) + 2047 bytes of value = 2048 bytes.
        assertThat(ObjectHeaders.userMetadata(headers("x-amz-meta-k", "v".repeat(2047)))).hasSize(1);
    }

    @Test
    void userMetadataPast2KbIsMetadataTooLarge() {
        S3Exception e = catchThrowableOfType(S3Exception.class,
                () -> ObjectHeaders.userMetadata(headers("x-amz-meta-k", "v".repeat(2048))));

        assertThat(e.code()).isEqualTo(S3ErrorCode.MetadataTooLarge);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.elements()).containsEntry("MaxSizeAllowed", "2048");
    }

    @Test
    void userMetadataSizeSumsEveryEntryInUtf8Bytes() {
        HttpHeaders request = headers(
                "x-amz-meta-a", "v".repeat(1000),
                "x-amz-meta-b", "é".repeat(524)); // 1 + 1000 + 1 + 1048 = 2050 bytes, 1526 characters

        assertThat(catchThrowableOfType(S3Exception.class, () -> ObjectHeaders.userMetadata(request)).code())
                .isEqualTo(S3ErrorCode.MetadataTooLarge);
    }

    // write

    @Test
    void writesEtagLastModifiedAcceptRangesContentHeadersAndMetadata() {
        Map<String, String> content = new LinkedHashMap<>();
        content.put("content-type", "text/plain");
        content.put("cache-control", "max-age=60");
        HttpHeaders response = new HttpHeaders();

        ObjectHeaders.write(record(content, Map.of("color", "blue"), Map.of()), Map.of(), response);

        assertThat(response.getFirst("ETag")).isEqualTo("\"etag\"");
        assertThat(response.getFirst("Last-Modified")).isEqualTo("Wed, 01 May 2024 12:00:00 GMT");
        assertThat(response.getFirst("Accept-Ranges")).isEqualTo("bytes");
        assertThat(response.getFirst("Content-Type")).isEqualTo("text/plain");
        assertThat(response.getFirst("Cache-Control")).isEqualTo("max-age=60");
        assertThat(response.getFirst("x-amz-meta-color")).isEqualTo("blue");
        assertThat(response.containsHeader("x-amz-checksum-type")).isFalse();
    }

    @Test
    void nonAsciiStoredValuesAreSentRfc2047Encoded() {
        HttpHeaders response = new HttpHeaders();

        ObjectHeaders.write(record(Map.of("content-disposition", "é"), Map.of("name", "été"), Map.of()),
                Map.of(), response);

        assertThat(response.getFirst("Content-Disposition")).isEqualTo("=?UTF-8?B?w6k=?=");
        assertThat(response.getFirst("x-amz-meta-name")).isEqualTo("=?UTF-8?B?w6l0w6k=?=");
    }

    @Test
    void responseOverridesReplaceStoredHeaders() {
        Map<String, String> query = Map.of(
                "response-content-type", "application/json",
                "response-content-language", "de",
                "response-expires", "Thu, 01 Dec 1994 16:00:00 GMT",
                "response-cache-control", "no-store",
                "response-content-disposition", "attachment; filename=x.json",
                "response-content-encoding", "identity");
        HttpHeaders response = new HttpHeaders();

        ObjectHeaders.write(record(Map.of("content-type", "text/plain", "cache-control", "max-age=60"), Map.of(), Map.of()),
                query, response);

        assertThat(response.getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(response.getFirst("Content-Language")).isEqualTo("de");
        assertThat(response.getFirst("Expires")).isEqualTo("Thu, 01 Dec 1994 16:00:00 GMT");
        assertThat(response.getFirst("Cache-Control")).isEqualTo("no-store");
        assertThat(response.getFirst("Content-Disposition")).isEqualTo("attachment; filename=x.json");
        assertThat(response.getFirst("Content-Encoding")).isEqualTo("identity");
        assertThat(response.get("Cache-Control")).hasSize(1);
    }

    @Test
    void otherResponseParametersAreNotHeaders() {
        HttpHeaders response = new HttpHeaders();

        ObjectHeaders.write(record(Map.of("content-type", "text/plain"), Map.of(), Map.of()),
                Map.of("response-x-amz-meta-a", "b", "response-etag", "x"), response);

        assertThat(response.containsHeader("x-amz-meta-a")).isFalse();
        assertThat(response.getFirst("ETag")).isEqualTo("\"etag\"");
    }

    @Test
    void nonAsciiResponseOverrideIsEncoded() {
        HttpHeaders response = new HttpHeaders();

        ObjectHeaders.write(record(Map.of(), Map.of(), Map.of()),
                Map.of("response-content-disposition", "attachment; filename=é"), response);

        assertThat(HeaderText.decode(response.getFirst("Content-Disposition"))).isEqualTo("attachment; filename=é");
        assertThat(response.getFirst("Content-Disposition")).matches("[\\x20-\\x7E]*");
    }

    @Test
    void storedChecksumsAreWrittenWithFullObjectType() {
        HttpHeaders response = new HttpHeaders();

        ObjectHeaders.writeChecksums(record(Map.of(), Map.of(), Map.of("CRC32", "DUoRhQ==")), response);

        assertThat(response.getFirst("x-amz-checksum-crc32")).isEqualTo("DUoRhQ==");
        assertThat(response.getFirst("x-amz-checksum-type")).isEqualTo("FULL_OBJECT");
    }

    @Test
    void noStoredChecksumsWriteNoChecksumHeaders() {
        HttpHeaders response = new HttpHeaders();

        ObjectHeaders.writeChecksums(record(Map.of(), Map.of(), Map.of()), response);

        assertThat(response.isEmpty()).isTrue();
    }
}
