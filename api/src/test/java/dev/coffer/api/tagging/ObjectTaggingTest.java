package dev.coffer.api.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.Tags;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class ObjectTaggingTest {
    private static final ObjectRecord SOURCE = Tags.with(
            ObjectRecord.ofBody(1, "e", 1L, Map.of(), Map.of(), Map.of(), new byte[] {1}, List.of()), Map.of("from", "source"));

    @Test
    void aCopyKeepsTheSourcesTagsUnlessTheDirectiveIsReplace() {
        assertThat(Tags.decode(ObjectTagging.forCopy(null, "ignored=1").apply(SOURCE).get(Tags.ATTRIBUTE)))
                .containsExactly(Map.entry("from", "source"));
        assertThat(Tags.decode(ObjectTagging.forCopy("COPY", "ignored=1").apply(SOURCE).get(Tags.ATTRIBUTE)))
                .containsExactly(Map.entry("from", "source"));
        assertThat(Tags.decode(ObjectTagging.forCopy("REPLACE", "new=1").apply(SOURCE).get(Tags.ATTRIBUTE)))
                .containsExactly(Map.entry("new", "1"));
        assertThat(ObjectTagging.forCopy("REPLACE", null).apply(SOURCE)).isEmpty();
    }

    @Test
    void anUnknownDirectiveIsInvalidArgumentAndReplacedTagsAreCheckedBeforeTheCopy() {
        for (String directive : List.of("SOMETIMES", "copy", "")) {
            S3Exception e = catchThrowableOfType(() -> ObjectTagging.forCopy(directive, null), S3Exception.class);
            assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidArgument);
            assertThat(e.getMessage()).isEqualTo("Unknown tagging directive.");
            assertThat(e.elements()).containsEntry("ArgumentName", "x-amz-tagging-directive")
                    .containsEntry("ArgumentValue", directive);
        }
        assertThat(catchThrowableOfType(() -> ObjectTagging.forCopy("REPLACE", "a,b=1"), S3Exception.class).code())
                .isEqualTo(S3ErrorCode.InvalidTag);
    }

    @Test
    void theCountIsSentOnlyForAVersionWithTags() {
        HttpHeaders out = new HttpHeaders();
        ObjectTagging.writeCount(Tags.with(SOURCE, Map.of()), out);
        assertThat(out.containsHeader("x-amz-tagging-count")).isFalse();
        ObjectTagging.writeCount(SOURCE, out);
        assertThat(out.getFirst("x-amz-tagging-count")).isEqualTo("1");
        assertThat(ObjectTagging.attributes(Map.of())).isEmpty();
    }
}
