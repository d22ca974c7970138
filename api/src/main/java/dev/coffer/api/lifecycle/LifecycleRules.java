package dev.coffer.api.lifecycle;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.http.S3StorageClass;
import dev.coffer.api.xml.LifecycleConfiguration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Validates a PutBucketLifecycleConfiguration body as S3 does and turns it into {@link
 * LifecycleRule}s. MalformedXML for what the schema forbids (a missing Status, two of Prefix, Tag,
 * size and And in one Filter, Days with Date); InvalidArgument and InvalidRequest with S3's
 * messages for values it checks. A Transition or NoncurrentVersionTransition is accepted only to a
 * storage class Coffer has ({@link S3StorageClass}: none it could move objects to, so each is
 * refused, MalformedXML for a StorageClass outside S3's schema, STANDARD among them, and
 * InvalidStorageClass for one S3 has and Coffer does not: GLACIER, STANDARD_IA, ...).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html
 */
public final class LifecycleRules {
    /** S3's limit of rules in one configuration. */
    static final int MAX_RULES = 1000;
    static final int MAX_ID = 255;
    private static final long MAX_SIZE = 5L * 1024 * 1024 * 1024 * 1024; // 5 TB, S3's largest object

    private LifecycleRules() {
    }

    /** The rules of {@code config}, validated; IDs S3 would generate are given as random ones. */
    public static List<LifecycleRule> parse(LifecycleConfiguration config) {
        List<LifecycleConfiguration.Rule> rules = config.rules();
        if (rules == null || rules.isEmpty() || rules.size() > MAX_RULES) throw malformed();
        List<LifecycleRule> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (LifecycleConfiguration.Rule rule : rules) {
            if (rule == null) throw malformed();
            LifecycleRule parsed = rule(rule);
            if (!ids.add(parsed.id())) {
                throw invalidArgument("Rule ID must be unique. Found same ID for more than one rule");
            }
            out.add(parsed);
        }
        return out;
    }

    /** The configuration as Coffer stores and returns it, with generated IDs filled in. */
    public static LifecycleConfiguration withIds(LifecycleConfiguration config, List<LifecycleRule> parsed) {
        List<LifecycleConfiguration.Rule> rules = new ArrayList<>();
        for (int i = 0; i < parsed.size(); i++) {
            LifecycleConfiguration.Rule r = config.rules().get(i);
            rules.add(new LifecycleConfiguration.Rule(r.expiration(), parsed.get(i).id(), r.prefix(), r.filter(),
                    r.status(), r.transitions(), r.noncurrentTransitions(), r.noncurrentVersionExpiration(),
                    r.abortIncompleteMultipartUpload()));
        }
        return new LifecycleConfiguration(rules);
    }

    private static LifecycleRule rule(LifecycleConfiguration.Rule r) {
        String id = r.id() == null || r.id().isEmpty() ? UUID.randomUUID().toString() : r.id();
        if (id.length() > MAX_ID) throw invalidArgument("ID length should not exceed allowed limit of 255");
        boolean enabled;
        if ("Enabled".equals(r.status())) {
            enabled = true;
        } else if ("Disabled".equals(r.status())) {
            enabled = false;
        } else {
            throw malformed();
        }
        if (r.prefix() != null && r.filter() != null) throw malformed();
        RuleFilter filter = r.filter() != null ? filter(r.filter()) : new RuleFilter(r.prefix(), Map.of(), null, null);
        transitions(r.transitions());
        transitions(r.noncurrentTransitions());
        Integer days = null;
        Instant date = null;
        boolean deleteMarker = false;
        LifecycleConfiguration.Expiration e = r.expiration();
        if (e != null) {
            int given = (e.days() != null ? 1 : 0) + (e.date() != null ? 1 : 0);
            if (given > 1) throw malformed();
            if (e.expiredObjectDeleteMarker() != null) {
                deleteMarker = bool(e.expiredObjectDeleteMarker());
                if (given > 0) {
                    throw invalidRequest("ExpiredObjectDeleteMarker cannot be specified with Days or Date in a Lifecycle "
                            + "Expiration Policy.");
                }
                if (!filter.tags().isEmpty()) {
                    throw invalidRequest("ExpiredObjectDeleteMarker cannot be specified with Tags.");
                }
            } else if (given == 0) {
                throw malformed();
            }
            if (e.days() != null) {
                days = positive(e.days(), "'Days' for Expiration action must be a positive integer");
            }
            if (e.date() != null) date = midnight(e.date());
        }
        Integer noncurrentDays = null;
        Integer newer = null;
        LifecycleConfiguration.NoncurrentVersionExpiration n = r.noncurrentVersionExpiration();
        if (n != null) {
            if (n.noncurrentDays() == null) throw malformed();
            noncurrentDays = positive(n.noncurrentDays(),
                    "'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer");
            if (n.newerNoncurrentVersions() != null) {
                newer = positive(n.newerNoncurrentVersions(),
                        "'NewerNoncurrentVersions' for NoncurrentVersionExpiration action must be a positive integer");
                if (newer > 100) {
                    throw invalidArgument("'NewerNoncurrentVersions' for NoncurrentVersionExpiration action must be "
                            + "less than or equal to 100");
                }
            }
        }
        Integer abort = null;
        if (r.abortIncompleteMultipartUpload() != null) {
            String d = r.abortIncompleteMultipartUpload().daysAfterInitiation();
            if (d == null) throw malformed();
            abort = positive(d, "'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer");
            if (!filter.tags().isEmpty()) throw invalidRequest("AbortIncompleteMultipartUpload cannot be specified with Tags.");
            if (filter.sizeGreaterThan() != null || filter.sizeLessThan() != null) {
                throw invalidRequest("AbortIncompleteMultipartUpload cannot be specified with Object Size.");
            }
        }
        if (days == null && date == null && !deleteMarker && noncurrentDays == null && abort == null
                && e == null) {
            throw invalidRequest("At least one action needs to be specified in a rule");
        }
        return new LifecycleRule(id, enabled, filter, days, date, deleteMarker, noncurrentDays, newer, abort);
    }

    private static void transitions(List<LifecycleConfiguration.Transition> transitions) {
        if (transitions == null) return;
        for (LifecycleConfiguration.Transition t : transitions) {
            String storageClass = t == null || t.storageClass() == null ? null : t.storageClass().trim();
            S3StorageClass.checkTransition(storageClass, LifecycleRules::malformed);
        }
    }

    private static RuleFilter filter(LifecycleConfiguration.Filter f) {
        int given = (f.prefix() != null ? 1 : 0) + (f.tag() != null ? 1 : 0) + (f.and() != null ? 1 : 0)
                + (f.objectSizeGreaterThan() != null ? 1 : 0) + (f.objectSizeLessThan() != null ? 1 : 0);
        if (given > 1) throw malformed();
        if (f.and() != null) {
            LifecycleConfiguration.And a = f.and();
            Map<String, String> tags = new LinkedHashMap<>();
            for (LifecycleConfiguration.Tag t : a.tags() == null ? List.<LifecycleConfiguration.Tag>of() : a.tags()) {
                if (tags.put(tagKey(t), t.value() == null ? "" : t.value()) != null) {
                    throw invalidArgument("Duplicate Tag Keys are not allowed.");
                }
            }
            return sized(a.prefix(), tags, a.objectSizeGreaterThan(), a.objectSizeLessThan());
        }
        if (f.tag() != null) {
            return new RuleFilter("", Map.of(tagKey(f.tag()), f.tag().value() == null ? "" : f.tag().value()), null, null);
        }
        return sized(f.prefix(), Map.of(), f.objectSizeGreaterThan(), f.objectSizeLessThan());
    }

    private static RuleFilter sized(String prefix, Map<String, String> tags, String greater, String less) {
        Long gt = greater == null ? null : size(greater);
        Long lt = less == null ? null : size(less);
        if (gt != null && lt != null && gt >= lt) {
            throw invalidArgument("ObjectSizeGreaterThan must be less than ObjectSizeLessThan");
        }
        return new RuleFilter(prefix, tags, gt, lt);
    }

    private static String tagKey(LifecycleConfiguration.Tag t) {
        if (t.key() == null || t.key().isEmpty() || t.key().length() > 128
                || (t.value() != null && t.value().length() > 256)) {
            throw invalidArgument("The TagKey you have provided is invalid");
        }
        return t.key();
    }

    private static long size(String text) {
        long v;
        try {
            v = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw malformed();
        }
        if (v < 0 || v > MAX_SIZE) throw invalidArgument("Object size filter must be between 0 and 5 TB");
        return v;
    }

    private static int positive(String text, String message) {
        long v;
        try {
            v = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw malformed();
        }
        if (v <= 0 || v > Integer.MAX_VALUE) throw invalidArgument(message);
        return (int) v;
    }

    private static boolean bool(String text) {
        return switch (text.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw malformed();
        };
    }

    /** ISO 8601; S3 takes only a midnight UTC ({@code 2030-01-01T00:00:00Z} or {@code 2030-01-01T00:00:00.000Z}). */
    private static Instant midnight(String text) {
        OffsetDateTime at;
        try {
            at = OffsetDateTime.parse(text.trim());
        } catch (DateTimeParseException e) {
            try {
                at = java.time.LocalDate.parse(text.trim()).atStartOfDay().atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw invalidArgument("Invalid date format in Lifecycle configuration");
            }
        }
        at = at.withOffsetSameInstant(ZoneOffset.UTC);
        if (!at.toLocalTime().equals(LocalTime.MIDNIGHT)) throw invalidArgument("'Date' must be at midnight GMT");
        return at.toInstant();
    }

    private static S3Exception malformed() {
        return S3Exception.of(S3ErrorCode.MalformedXML);
    }

    private static S3Exception invalidArgument(String message) {
        return S3Exception.of(S3ErrorCode.InvalidArgument).withMessage(message);
    }

    private static S3Exception invalidRequest(String message) {
        return S3Exception.of(S3ErrorCode.InvalidRequest).withMessage(message);
    }
}
