package dev.coffer.api.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.metadata.WriteCondition;
import org.junit.jupiter.api.Test;

class DeleteConditionsTest {
    @Test
    void starAsksOnlyThatAnObjectExists() {
        assertThat(DeleteConditions.parse(" * ")).isEqualTo(new WriteCondition.IfPresent());
    }

    @Test
    void anEtagIsComparedWithoutItsQuotes() {
        assertThat(DeleteConditions.parse("\"abc\"")).isEqualTo(new WriteCondition.IfEtagMatches("abc"));
        assertThat(DeleteConditions.parse("abc")).isEqualTo(new WriteCondition.IfEtagMatches("abc"));
    }

    @Test
    void noIfMatchIsNoCondition() {
        assertThat(DeleteConditions.of(null, "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY")).isEqualTo(WriteCondition.NONE);
    }

    @Test
    void aConditionOnANamedVersionIsNotImplementedNamingIfMatch() {
        S3Exception e = catchThrowableOfType(S3Exception.class, () -> DeleteConditions.of("*", "null"));
        assertThat(e.code()).isEqualTo(S3ErrorCode.NotImplemented);
        assertThat(e.elements()).containsEntry("Header", "If-Match");
    }
}
