package dev.coffer.api.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.xml.NotificationConfiguration;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.metadata.NotificationConfig;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** PutBucketNotificationConfiguration's document, checked as S3 checks it, stored, and read back. */
class NotificationDocumentsTest {
    private static final S3Xml XML = new S3Xml();
    private static final Predicate<TargetArn> DECLARED =
            a -> (a.id().equals("red") && a.type().equals("redis")) || (a.id().equals("hook") && a.type().equals("webhook"));

    private static NotificationConfig parse(String body) {
        return NotificationDocuments.parse(XML.read(body.getBytes(StandardCharsets.UTF_8),
                NotificationConfiguration.class), DECLARED);
    }

    private static String doc(String inner) {
        return "<NotificationConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" + inner
                + "</NotificationConfiguration>";
    }

    private static String queue(String id, String arn, String filter, String... events) {
        StringBuilder b = new StringBuilder("<QueueConfiguration>");
        if (id != null) b.append("<Id>").append(id).append("</Id>");
        b.append("<Queue>").append(arn).append("</Queue>");
        for (String e : events) b.append("<Event>").append(e).append("</Event>");
        if (filter != null) b.append("<Filter><S3Key>").append(filter).append("</S3Key></Filter>");
        return b.append("</QueueConfiguration>").toString();
    }

    private static String rule(String name, String value) {
        return "<FilterRule><Name>" + name + "</Name><Value>" + value + "</Value></FilterRule>";
    }

    private static S3ErrorCode codeOf(String body) {
        try {
            parse(body);
        } catch (S3Exception e) {
            return e.code();
        }
        throw new AssertionError("accepted: " + body);
    }

    @Test
    void aQueueTopicAndFunctionConfigurationAreStoredAndAnsweredBack() {
        NotificationConfig config = parse(doc(
                queue("q1", "arn:coffer:sqs::red:redis", rule("prefix", "images/") + rule("suffix", ".jpg"),
                        "s3:ObjectCreated:*")
                + "<TopicConfiguration><Id>t1</Id><Topic>arn:coffer:sqs::hook:webhook</Topic>"
                + "<Event>s3:ObjectRemoved:Delete</Event></TopicConfiguration>"
                + "<CloudFunctionConfiguration><CloudFunction>arn:coffer:sqs::hook:webhook</CloudFunction>"
                + "<Event>s3:LifecycleExpiration:*</Event></CloudFunctionConfiguration>"));
        assertThat(config.rules()).hasSize(3);
        NotificationConfig back = NotificationConfig.decode(config.encode());
        assertThat(back).isEqualTo(config);
        NotificationConfig.Rule q = back.rules().stream().filter(r -> r.id().equals("q1")).findFirst().orElseThrow();
        assertThat(q.prefix()).isEqualTo("images/");
        assertThat(q.suffix()).isEqualTo(".jpg");
        assertThat(q.matches("ObjectCreated:Put", "images/a.jpg")).isTrue();
        assertThat(q.matches("ObjectCreated:Put", "images/a.png")).isFalse();
        assertThat(q.matches("ObjectRemoved:Delete", "images/a.jpg")).isFalse();
        String xml = new String(XML.write(NotificationDocuments.toXml(back)), StandardCharsets.UTF_8);
        assertThat(xml).contains("<Id>q1</Id>", "<Queue>arn:coffer:sqs::red:redis</Queue>",
                "<Name>Prefix</Name><Value>images/</Value>", "<Topic>arn:coffer:sqs::hook:webhook</Topic>",
                "<CloudFunction>arn:coffer:sqs::hook:webhook</CloudFunction>");
        // A rule sent without an Id gets one, as in S3.
        assertThat(back.rules().get(2).id()).isNotBlank();
    }

    @Test
    void anEmptyDocumentIsNoRule() {
        assertThat(parse(doc("")).rules()).isEmpty();
        String xml = new String(XML.write(NotificationDocuments.toXml(new NotificationConfig(java.util.List.of()))),
                StandardCharsets.UTF_8);
        assertThat(xml).contains("NotificationConfiguration");
    }

    @Test
    void anUnknownTargetAWrongTypeOrAForeignArnIsInvalidArgument() {
        assertThat(codeOf(doc(queue("a", "arn:coffer:sqs::nope:redis", null, "s3:ObjectCreated:*"))))
                .isEqualTo(S3ErrorCode.InvalidArgument);
        assertThat(codeOf(doc(queue("a", "arn:coffer:sqs::red:webhook", null, "s3:ObjectCreated:*"))))
                .isEqualTo(S3ErrorCode.InvalidArgument);
        assertThat(codeOf(doc(queue("a", "arn:aws:sqs:us-east-1:123456789012:q", null, "s3:ObjectCreated:*"))))
                .isEqualTo(S3ErrorCode.InvalidArgument);
    }

    @Test
    void anUnknownEventIsInvalidArgumentAndAnS3EventCofferDoesNotSendIsNotImplemented() {
        assertThat(codeOf(doc(queue("a", "arn:coffer:sqs::red:redis", null, "s3:ObjectCreated:Move"))))
                .isEqualTo(S3ErrorCode.InvalidArgument);
        assertThat(codeOf(doc(queue("a", "arn:coffer:sqs::red:redis", null, "s3:ObjectRestore:*"))))
                .isEqualTo(S3ErrorCode.NotImplemented);
        assertThat(codeOf(doc("<EventBridgeConfiguration></EventBridgeConfiguration>")))
                .isEqualTo(S3ErrorCode.NotImplemented);
    }

    @Test
    void badFilterRulesAreInvalidArgument() {
        assertThat(codeOf(doc(queue("a", "arn:coffer:sqs::red:redis", rule("prefix", "a") + rule("prefix", "b"),
                "s3:ObjectCreated:*")))).isEqualTo(S3ErrorCode.InvalidArgument);
        assertThat(codeOf(doc(queue("a", "arn:coffer:sqs::red:redis", rule("middle", "a"), "s3:ObjectCreated:*"))))
                .isEqualTo(S3ErrorCode.InvalidArgument);
    }

    @Test
    void overlappingRulesAreRefusedAsS3RefusesThem() {
        // The same event type and prefixes that nest: refused.
        assertThat(codeOf(doc(queue("a", "arn:coffer:sqs::red:redis", rule("prefix", "images/"), "s3:ObjectCreated:*")
                + queue("b", "arn:coffer:sqs::hook:webhook", rule("prefix", "images/2026/"), "s3:ObjectCreated:Put"))))
                .isEqualTo(S3ErrorCode.InvalidArgument);
        // No filter at all overlaps everything of that event.
        assertThat(codeOf(doc(queue("a", "arn:coffer:sqs::red:redis", null, "s3:ObjectCreated:Put")
                + queue("b", "arn:coffer:sqs::hook:webhook", rule("suffix", ".jpg"), "s3:ObjectCreated:*"))))
                .isEqualTo(S3ErrorCode.InvalidArgument);
        // Disjoint prefixes, disjoint suffixes, or different event types: accepted.
        assertThat(parse(doc(queue("a", "arn:coffer:sqs::red:redis", rule("prefix", "images/"), "s3:ObjectCreated:*")
                + queue("b", "arn:coffer:sqs::hook:webhook", rule("prefix", "videos/"), "s3:ObjectCreated:*")
                + queue("c", "arn:coffer:sqs::hook:webhook", rule("suffix", ".jpg"), "s3:ObjectRemoved:*")
                + queue("d", "arn:coffer:sqs::red:redis", rule("suffix", ".png"), "s3:ObjectRemoved:*"))).rules())
                .hasSize(4);
        // The same Id twice.
        assertThat(codeOf(doc(queue("a", "arn:coffer:sqs::red:redis", null, "s3:ObjectCreated:*")
                + queue("a", "arn:coffer:sqs::red:redis", null, "s3:ObjectRemoved:*"))))
                .isEqualTo(S3ErrorCode.InvalidArgument);
    }

    @Test
    void aRuleWithoutATargetOrEventIsMalformedXml() {
        assertThat(codeOf(doc("<QueueConfiguration><Event>s3:ObjectCreated:*</Event></QueueConfiguration>")))
                .isEqualTo(S3ErrorCode.MalformedXML);
        assertThat(codeOf(doc("<QueueConfiguration><Queue>arn:coffer:sqs::red:redis</Queue></QueueConfiguration>")))
                .isEqualTo(S3ErrorCode.MalformedXML);
    }
}
