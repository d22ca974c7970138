package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.Multipart;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;

/** ListParts and ListMultipartUploads walked in pages of 1 to 4, across every page edge, against the full listing. */
@ExtendWith(CofferServerExtension.class)
class MultipartListingIT {
    private static final List<String> KEYS = List.of("a", "a/1", "a/2/x", "a/2/y", "b", "c/d", "c/e", "z");
    private static CofferServer server;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        s3 = server.s3();
        bucket = server.createBucket("mp-listing");
        for (String key : KEYS) {
            for (int i = 0; i < (key.length() % 2) + 1; i++) Multipart.create(s3, bucket, key); // some keys twice
        }
    }

    @Test
    void listPartsPagesConcatenateToAllParts() {
        String id = Multipart.create(s3, bucket, "parts");
        List<Integer> numbers = List.of(1, 2, 3, 7, 8, 100, 9_999, 10_000);
        for (int n : numbers) Multipart.upload(s3, bucket, "parts", id, n, ("part " + n).getBytes());
        assertThat(s3.listParts(b -> b.bucket(bucket).key("parts").uploadId(id)).parts())
                .extracting(p -> p.partNumber()).containsExactlyElementsOf(numbers);
        for (int size = 1; size <= 4; size++) {
            List<Integer> seen = new ArrayList<>();
            Integer marker = 0;
            int pages = 0;
            ListPartsResponse page;
            do {
                int max = size;
                Integer from = marker;
                page = s3.listParts(b -> b.bucket(bucket).key("parts").uploadId(id).maxParts(max).partNumberMarker(from));
                assertThat(page.parts()).hasSizeLessThanOrEqualTo(size);
                page.parts().forEach(p -> seen.add(p.partNumber()));
                marker = page.nextPartNumberMarker();
                pages++;
            } while (page.isTruncated());
            assertThat(seen).as("page size %d", size).containsExactlyElementsOf(numbers);
            assertThat(pages).isEqualTo((numbers.size() + size - 1) / size);
        }
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("parts").uploadId(id));
    }

    @Test
    void listMultipartUploadsPagesConcatenateToTheFullListing() {
        for (String delimiter : new String[] {null, "/"}) {
            for (String prefix : new String[] {"", "a/", "c"}) {
                List<String> full = walk(prefix, delimiter, 1000);
                assertThat(full).isNotEmpty();
                for (int size = 1; size <= 4; size++) {
                    assertThat(walk(prefix, delimiter, size)).as("prefix %s delimiter %s size %d", prefix, delimiter, size)
                            .containsExactlyElementsOf(full);
                }
            }
        }
        assertThat(walk("", "/", 1000)).contains("prefix a/", "prefix c/").noneMatch(e -> e.startsWith("upload a/"));
    }

    /** Entries "upload key id" and "prefix p" in listing order. */
    private static List<String> walk(String prefix, String delimiter, int size) {
        List<String> out = new ArrayList<>();
        String keyMarker = null;
        String idMarker = null;
        ListMultipartUploadsResponse page;
        do {
            String km = keyMarker;
            String im = idMarker;
            page = s3.listMultipartUploads(b -> b.bucket(bucket).prefix(prefix).delimiter(delimiter).maxUploads(size)
                    .keyMarker(km).uploadIdMarker(im));
            assertThat(page.uploads().size() + page.commonPrefixes().size()).isLessThanOrEqualTo(size);
            List<String> entries = new ArrayList<>();
            page.uploads().forEach(u -> entries.add("upload " + u.key() + " " + u.uploadId()));
            page.commonPrefixes().forEach(p -> entries.add("prefix " + p.prefix()));
            entries.sort((x, y) -> x.substring(x.indexOf(' ')).compareTo(y.substring(y.indexOf(' '))));
            out.addAll(entries);
            keyMarker = page.nextKeyMarker();
            idMarker = page.nextUploadIdMarker();
        } while (page.isTruncated());
        return out;
    }
}
