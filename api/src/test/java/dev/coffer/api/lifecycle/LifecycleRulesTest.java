package dev.coffer.api.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.xml.LifecycleConfiguration;
import dev.coffer.api.xml.S3Xml;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LifecycleRulesTest {
    private final S3Xml xml = new S3Xml();

    private List<LifecycleRule> parse(String rules) {
        return LifecycleRules.parse(xml.read(("<LifecycleConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + rules + "</LifecycleConfiguration>").getBytes(StandardCharsets.UTF_8), LifecycleConfiguration.class));
    }

    private void refused(String rules, S3ErrorCode code, String message) {
        assertThatThrownBy(() -> parse(rules)).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            if (message != null) assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void theDocumentedExampleParses() {
        List<LifecycleRule> rules = parse("""
                <Rule><ID>id1</ID><Filter><And><Prefix>documents/</Prefix><Tag><Key>k</Key><Value>v</Value></Tag>
                <ObjectSizeGreaterThan>10</ObjectSizeGreaterThan></And></Filter><Status>Enabled</Status>
                <Expiration><Days>365</Days></Expiration></Rule>
                <Rule><ID>id2</ID><Filter><Prefix>logs/</Prefix></Filter><Status>Disabled</Status>
                <NoncurrentVersionExpiration><NoncurrentDays>30</NoncurrentDays><NewerNoncurrentVersions>2</NewerNoncurrentVersions></NoncurrentVersionExpiration>
                <AbortIncompleteMultipartUpload><DaysAfterInitiation>7</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule>
                <Rule><ID>id3</ID><Filter/><Status>Enabled</Status><Expiration><Date>2030-01-01T00:00:00.000Z</Date></Expiration></Rule>
                <Rule><ID>id4</ID><Prefix></Prefix><Status>Enabled</Status><Expiration><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration></Rule>
                """);
        assertThat(rules).hasSize(4);
        LifecycleRule first = rules.get(0);
        assertThat(first.filter()).isEqualTo(new RuleFilter("documents/", Map.of("k", "v"), 10L, null));
        assertThat(first.expirationDays()).isEqualTo(365);
        assertThat(rules.get(1).enabled()).isFalse();
        assertThat(rules.get(1).newerNoncurrentVersions()).isEqualTo(2);
        assertThat(rules.get(1).abortDays()).isEqualTo(7);
        assertThat(rules.get(2).expirationDate()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(rules.get(2).filter()).isEqualTo(RuleFilter.ALL);
        assertThat(rules.get(3).expiredObjectDeleteMarker()).isTrue();
    }

    @Test
    void aRuleWithoutAnIdGetsOne() {
        assertThat(parse("<Rule><Filter/><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>")
                .get(0).id()).isNotBlank();
    }

    @Test
    void refusalsAreS3s() {
        String e1 = "<Expiration><Days>1</Days></Expiration>";
        refused("<Rule><ID>" + "x".repeat(256) + "</ID><Filter/><Status>Enabled</Status>" + e1 + "</Rule>",
                S3ErrorCode.InvalidArgument, "ID length should not exceed allowed limit of 255");
        refused("<Rule><ID>a</ID><Filter/><Status>Enabled</Status>" + e1 + "</Rule><Rule><ID>a</ID><Filter/><Status>Enabled</Status>"
                + e1 + "</Rule>", S3ErrorCode.InvalidArgument, "Rule ID must be unique. Found same ID for more than one rule");
        refused("<Rule><Filter/><Status>On</Status>" + e1 + "</Rule>", S3ErrorCode.MalformedXML, null);
        refused("<Rule><Filter/>" + e1 + "</Rule>", S3ErrorCode.MalformedXML, null);
        refused("<Rule><Filter/><Status>Enabled</Status><Expiration><Days>0</Days></Expiration></Rule>",
                S3ErrorCode.InvalidArgument, "'Days' for Expiration action must be a positive integer");
        refused("<Rule><Filter/><Status>Enabled</Status><Expiration><Days>1</Days><Date>2030-01-01T00:00:00Z</Date></Expiration></Rule>",
                S3ErrorCode.MalformedXML, null);
        refused("<Rule><Filter/><Status>Enabled</Status><Expiration><Date>2030-01-01T10:00:00Z</Date></Expiration></Rule>",
                S3ErrorCode.InvalidArgument, "'Date' must be at midnight GMT");
        refused("<Rule><Filter/><Status>Enabled</Status><Expiration><Days>1</Days><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration></Rule>",
                S3ErrorCode.InvalidRequest, null);
        refused("<Rule><Filter><Prefix>a</Prefix><Tag><Key>k</Key><Value>v</Value></Tag></Filter><Status>Enabled</Status>" + e1 + "</Rule>",
                S3ErrorCode.MalformedXML, null);
        refused("<Rule><Prefix>a</Prefix><Filter/><Status>Enabled</Status>" + e1 + "</Rule>", S3ErrorCode.MalformedXML, null);
        refused("<Rule><Filter><Tag><Key>k</Key><Value>v</Value></Tag></Filter><Status>Enabled</Status>"
                + "<AbortIncompleteMultipartUpload><DaysAfterInitiation>1</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule>",
                S3ErrorCode.InvalidRequest, "AbortIncompleteMultipartUpload cannot be specified with Tags.");
        refused("<Rule><Filter/><Status>Enabled</Status><NoncurrentVersionExpiration><NoncurrentDays>0</NoncurrentDays></NoncurrentVersionExpiration></Rule>",
                S3ErrorCode.InvalidArgument, "'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer");
        refused("<Rule><Filter/><Status>Enabled</Status><AbortIncompleteMultipartUpload><DaysAfterInitiation>-1</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule>",
                S3ErrorCode.InvalidArgument, "'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer");
        refused("<Rule><Filter/><Status>Enabled</Status></Rule>", S3ErrorCode.InvalidRequest,
                "At least one action needs to be specified in a rule");
        refused("<Rule><Filter><And><Tag><Key>k</Key><Value>1</Value></Tag><Tag><Key>k</Key><Value>2</Value></Tag></And></Filter>"
                + "<Status>Enabled</Status>" + e1 + "</Rule>", S3ErrorCode.InvalidArgument, "Duplicate Tag Keys are not allowed.");
        refused("", S3ErrorCode.MalformedXML, null);
    }

    @Test
    void aTransitionToAClassS3HasAndCofferDoesNotIsInvalidStorageClassAndAnUnknownOneMalformedXml() {
        String rule = "<Rule><Filter/><Status>Enabled</Status>";
        for (String storageClass : List.of("GLACIER", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "DEEP_ARCHIVE", "GLACIER_IR")) {
            refused(rule + "<Transition><Days>30</Days><StorageClass>" + storageClass + "</StorageClass></Transition></Rule>",
                    S3ErrorCode.InvalidStorageClass, "The storage class you specified is not valid (Coffer keeps every object "
                            + "in STANDARD and has no " + storageClass + " to transition to)");
        }
        refused(rule + "<NoncurrentVersionTransition><NoncurrentDays>30</NoncurrentDays><StorageClass>STANDARD_IA</StorageClass>"
                + "</NoncurrentVersionTransition></Rule>", S3ErrorCode.InvalidStorageClass, null);
        for (String storageClass : List.of("STANDARD", "REDUCED_REDUNDANCY", "FROZEN", "glacier", "")) {
            refused(rule + "<Transition><Days>30</Days><StorageClass>" + storageClass + "</StorageClass></Transition></Rule>",
                    S3ErrorCode.MalformedXML, null);
            refused(rule + "<NoncurrentVersionTransition><NoncurrentDays>1</NoncurrentDays><StorageClass>" + storageClass
                    + "</StorageClass></NoncurrentVersionTransition></Rule>", S3ErrorCode.MalformedXML, null);
        }
        refused(rule + "<Transition><Days>30</Days></Transition></Rule>", S3ErrorCode.MalformedXML, null);
        refused(rule + "<Expiration><Days>1</Days></Expiration><Transition><Days>30</Days><StorageClass>GLACIER</StorageClass>"
                + "</Transition></Rule>", S3ErrorCode.InvalidStorageClass, null);
    }

    @Test
    void filtersMatchPrefixTagsAndExclusiveSizes() {
        RuleFilter f = new RuleFilter("logs/", Map.of("a", "1"), 10L, 20L);
        assertThat(f.matches("logs/x", 15, Map.of("a", "1", "b", "2"))).isTrue();
        assertThat(f.matches("logs/x", 10, Map.of("a", "1"))).isFalse();
        assertThat(f.matches("logs/x", 20, Map.of("a", "1"))).isFalse();
        assertThat(f.matches("logs/x", 15, Map.of("a", "2"))).isFalse();
        assertThat(f.matches("other", 15, Map.of("a", "1"))).isFalse();
    }

    @Test
    void anActionIsDueAtTheFirstDayBoundaryAfterItsDays() {
        LifecycleClock days = LifecycleClock.ofDaySeconds(86400);
        long t = Instant.parse("2026-12-02T11:00:00Z").toEpochMilli();
        assertThat(Instant.ofEpochMilli(days.due(t, 1))).isEqualTo(Instant.parse("2026-12-04T00:00:00Z"));
        assertThat(Instant.ofEpochMilli(days.due(Instant.parse("2026-12-02T00:00:00Z").toEpochMilli(), 1)))
                .isEqualTo(Instant.parse("2026-12-03T00:00:00Z"));
        LifecycleClock fast = LifecycleClock.ofDaySeconds(2);
        assertThat(fast.due(1_001, 1)).isEqualTo(4_000);
        LifecycleRule rule = new LifecycleRule("r \"1\"", true, RuleFilter.ALL, 1, null, false, null, null, null);
        assertThat(days.firstExpiry(List.of(rule), "k", 1, Map.of(), t).header())
                .isEqualTo("expiry-date=\"Fri, 04 Dec 2026 00:00:00 GMT\", rule-id=\"r \\\"1\\\"\"");
    }
}
