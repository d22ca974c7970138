package dev.coffer.api.notify;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.xml.NotificationConfiguration;
import dev.coffer.metadata.NotificationConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * The PutBucketNotificationConfiguration document checked as S3 checks it, and turned into the
 * stored {@link NotificationConfig} (and back, for GetBucketNotificationConfiguration).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html
 */
public final class NotificationDocuments {
    /** The event names Coffer sends, wildcards included. */
    static final Set<String> SUPPORTED = Set.of(
            "s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectCreated:Post", "s3:ObjectCreated:Copy",
            "s3:ObjectCreated:CompleteMultipartUpload",
            "s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete", "s3:ObjectRemoved:DeleteMarkerCreated",
            "s3:LifecycleExpiration:*", "s3:LifecycleExpiration:Delete",
            "s3:LifecycleExpiration:DeleteMarkerCreated");
    /** Event names S3 has and Coffer does not send: NotImplemented, never silently accepted. */
    static final Set<String> NOT_SENT = Set.of(
            "s3:ObjectRestore:*", "s3:ObjectRestore:Post", "s3:ObjectRestore:Completed", "s3:ObjectRestore:Delete",
            "s3:ReducedRedundancyLostObject", "s3:Replication:*", "s3:Replication:OperationFailedReplication",
            "s3:Replication:OperationMissedThreshold", "s3:Replication:OperationReplicatedAfterThreshold",
            "s3:Replication:OperationNotTracked", "s3:LifecycleTransition", "s3:IntelligentTiering",
            "s3:ObjectTagging:*", "s3:ObjectTagging:Put", "s3:ObjectTagging:Delete", "s3:ObjectAcl:Put");
    /** S3's limit on a filter rule's value. */
    private static final int MAX_FILTER_VALUE = 1024;

    private NotificationDocuments() {}

    /**
     * The stored form of a document. Each rule without an Id gets a random one, as S3 gives.
     *
     * @param declared whether a target ARN names a declared target (its id and type)
     * @throws S3Exception InvalidArgument (unknown or unsupported event, unknown target, bad filter,
     *     overlapping rules), NotImplemented (EventBridge, an S3 event Coffer does not send)
     */
    public static NotificationConfig parse(NotificationConfiguration doc, Predicate<TargetArn> declared) {
        if (doc.eventBridge() != null) {
            throw S3Exception.of(S3ErrorCode.NotImplemented)
                    .withMessage("EventBridgeConfiguration is not supported; use a Queue, Topic or CloudFunction configuration");
        }
        List<NotificationConfig.Rule> rules = new ArrayList<>();
        doc.topics().forEach(t -> rules.add(rule(t, NotificationConfig.Element.TOPIC, t.topic(), declared)));
        doc.queues().forEach(t -> rules.add(rule(t, NotificationConfig.Element.QUEUE, t.queue(), declared)));
        doc.functions().forEach(t ->
                rules.add(rule(t, NotificationConfig.Element.CLOUD_FUNCTION, t.cloudFunction(), declared)));
        for (int i = 0; i < rules.size(); i++) {
            for (int j = i + 1; j < rules.size(); j++) {
                if (rules.get(i).id().equals(rules.get(j).id())) {
                    throw invalid("Same ID used for multiple configurations", "Id", rules.get(j).id());
                }
                if (overlap(rules.get(i), rules.get(j))) {
                    throw S3Exception.of(S3ErrorCode.InvalidArgument).withMessage(
                            "Configurations overlap. Configurations on the same bucket cannot share a common event type.");
                }
            }
        }
        return new NotificationConfig(rules);
    }

    /** The document GetBucketNotificationConfiguration answers. */
    public static NotificationConfiguration toXml(NotificationConfig config) {
        List<NotificationConfiguration.Target> topics = new ArrayList<>();
        List<NotificationConfiguration.Target> queues = new ArrayList<>();
        List<NotificationConfiguration.Target> functions = new ArrayList<>();
        for (NotificationConfig.Rule r : config.rules()) {
            NotificationConfiguration.Filter filter = null;
            if (r.prefix() != null || r.suffix() != null) {
                List<NotificationConfiguration.FilterRule> f = new ArrayList<>();
                if (r.prefix() != null) f.add(new NotificationConfiguration.FilterRule("Prefix", r.prefix()));
                if (r.suffix() != null) f.add(new NotificationConfiguration.FilterRule("Suffix", r.suffix()));
                filter = new NotificationConfiguration.Filter(new NotificationConfiguration.S3Key(f));
            }
            switch (r.element()) {
                case TOPIC -> topics.add(new NotificationConfiguration.Target(r.id(), r.arn(), null, null, r.events(), filter));
                case QUEUE -> queues.add(new NotificationConfiguration.Target(r.id(), null, r.arn(), null, r.events(), filter));
                case CLOUD_FUNCTION -> functions.add(
                        new NotificationConfiguration.Target(r.id(), null, null, r.arn(), r.events(), filter));
            }
        }
        return new NotificationConfiguration(topics, queues, functions, null);
    }

    private static NotificationConfig.Rule rule(NotificationConfiguration.Target t, NotificationConfig.Element element,
                                                String arn, Predicate<TargetArn> declared) {
        if (arn == null || arn.isBlank()) {
            throw S3Exception.of(S3ErrorCode.MalformedXML);
        }
        TargetArn target = TargetArn.parse(arn.strip());
        if (target == null || !declared.test(target)) {
            throw invalid("Unable to validate the following destination configurations", arn, "Not a declared target");
        }
        if (t.events() == null || t.events().isEmpty()) throw S3Exception.of(S3ErrorCode.MalformedXML);
        List<String> events = new ArrayList<>();
        for (String e : t.events()) {
            String name = e == null ? "" : e.strip();
            if (NOT_SENT.contains(name)) {
                throw S3Exception.of(S3ErrorCode.NotImplemented)
                        .withMessage("Coffer does not send the event " + name);
            }
            if (!SUPPORTED.contains(name)) throw invalid("The event is not supported for notifications", "Event", name);
            if (!events.contains(name)) events.add(name);
        }
        String prefix = null;
        String suffix = null;
        if (t.filter() != null && t.filter().key() != null && t.filter().key().rules() != null) {
            for (NotificationConfiguration.FilterRule f : t.filter().key().rules()) {
                String name = f.name() == null ? "" : f.name().toLowerCase(Locale.ROOT);
                String value = f.value() == null ? "" : f.value();
                if (value.length() > MAX_FILTER_VALUE) {
                    throw invalid("The filter rule value is too long", "FilterRule", value.substring(0, 32) + "…");
                }
                if (name.equals("prefix")) {
                    if (prefix != null) throw invalid("Cannot specify more than one prefix rule in a filter.", "FilterRule", f.name());
                    prefix = value;
                } else if (name.equals("suffix")) {
                    if (suffix != null) throw invalid("Cannot specify more than one suffix rule in a filter.", "FilterRule", f.name());
                    suffix = value;
                } else {
                    throw invalid("filter rule name must be either prefix or suffix", "FilterRule", f.name());
                }
            }
        }
        // Not UUID.randomUUID: its SecureRandom may read /dev/urandom, and this runs on an event loop.
        String id = t.id() == null || t.id().isBlank()
                ? new UUID(ThreadLocalRandom.current().nextLong(), ThreadLocalRandom.current().nextLong()).toString()
                : t.id();
        return new NotificationConfig.Rule(id, element, arn.strip(), events, prefix, suffix);
    }

    /**
     * Two rules overlap, as S3 judges it, when they share an event type and a key could match both
     * filters: one prefix is a prefix of the other, and one suffix a suffix of the other.
     */
    static boolean overlap(NotificationConfig.Rule a, NotificationConfig.Rule b) {
        boolean sharedEvent = a.events().stream().anyMatch(x -> b.events().stream().anyMatch(y -> eventsMeet(x, y)));
        if (!sharedEvent) return false;
        String pa = a.prefix() == null ? "" : a.prefix();
        String pb = b.prefix() == null ? "" : b.prefix();
        String sa = a.suffix() == null ? "" : a.suffix();
        String sb = b.suffix() == null ? "" : b.suffix();
        return (pa.startsWith(pb) || pb.startsWith(pa)) && (sa.endsWith(sb) || sb.endsWith(sa));
    }

    private static boolean eventsMeet(String x, String y) {
        if (x.equals(y)) return true;
        if (x.endsWith(":*") && y.startsWith(x.substring(0, x.length() - 1))) return true;
        return y.endsWith(":*") && x.startsWith(y.substring(0, y.length() - 1));
    }

    private static S3Exception invalid(String message, String name, String value) {
        return S3Exception.of(S3ErrorCode.InvalidArgument).withMessage(message)
                .with("ArgumentName", name).with("ArgumentValue", value);
    }
}
