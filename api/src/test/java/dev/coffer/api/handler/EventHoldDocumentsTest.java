package dev.coffer.api.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.xml.ObjectLockConfiguration;
import dev.coffer.api.xml.Retention;
import dev.coffer.api.xml.S3Xml;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Object Lock's event holds, in the SDK's model since 2026: refused, never stored without the hold. */
class EventHoldDocumentsTest {
    private static final S3Xml XML = new S3Xml();
    private static final String NS = " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";

    @Test
    void aRetentionAskingForAnEventHoldIsNotImplemented() {
        assertNotImplemented(() -> ObjectLockHandlers.PutObjectRetention.retention(retention(
                "<Mode>GOVERNANCE</Mode><RetainUntilDate>2099-01-01T00:00:00Z</RetainUntilDate><EventHold>ON</EventHold>"), 0));
        assertNotImplemented(() -> ObjectLockHandlers.PutObjectRetention.retention(retention(
                "<EventHold>ON</EventHold><EventHoldDuration><Days>3</Days></EventHoldDuration>"), 0));
    }

    @Test
    void anEventHoldOffIsWhatEveryVersionHas() {
        assertThat(ObjectLockHandlers.PutObjectRetention.retention(retention(
                "<Mode>GOVERNANCE</Mode><RetainUntilDate>2099-01-01T00:00:00Z</RetainUntilDate><EventHold>OFF</EventHold>"), 0))
                .isPresent();
    }

    @Test
    void aDefaultEventHoldIsNotImplemented() {
        ObjectLockConfiguration config = XML.read(("<ObjectLockConfiguration" + NS + "><ObjectLockEnabled>Enabled"
                + "</ObjectLockEnabled><Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>1</Days><DefaultEventHold>"
                + "<Days>3</Days></DefaultEventHold></DefaultRetention></Rule></ObjectLockConfiguration>")
                .getBytes(StandardCharsets.UTF_8), ObjectLockConfiguration.class);
        assertNotImplemented(() -> ObjectLockHandlers.PutObjectLockConfiguration.rule(config));
    }

    private static Retention retention(String inner) {
        return XML.read(("<Retention" + NS + ">" + inner + "</Retention>").getBytes(StandardCharsets.UTF_8), Retention.class);
    }

    private static void assertNotImplemented(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        S3Exception e = catchThrowableOfType(S3Exception.class, call);
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(S3ErrorCode.NotImplemented);
    }
}
