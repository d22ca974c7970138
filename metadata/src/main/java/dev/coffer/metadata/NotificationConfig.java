package dev.coffer.metadata;

import java.util.List;
import java.util.Objects;

/**
 * A bucket's event notification configuration (its {@value #CONFIG_NAME} configuration), as the
 * applier reads it to decide which events a command produces ({@link Outbox}). {@code api}
 * validates the PutBucketNotificationConfiguration document against S3's rules and the declared
 * targets before it is stored; this class only stores, reads and matches what was accepted.
 *
 * <p>Encoding (metadata/COMMANDS.md): {@code 0x01 | var n | n x (str id | byte element | str arn |
 * var e | e x str event | str prefix | str suffix)}; element 0 QueueConfiguration, 1
 * TopicConfiguration, 2 CloudFunctionConfiguration; an event is S3's name, {@code s3:ObjectCreated:*}
 * style wildcards included; a prefix or suffix of null means no such filter rule.
 */
public record NotificationConfig(List<Rule> rules) {
    /** The bucket configuration name (SetBucketConfig). */
    public static final String CONFIG_NAME = "notification";
    private static final byte V1 = 1;

    public NotificationConfig {
        rules = List.copyOf(rules);
    }

    /** Which element of the document a rule came from. */
    public enum Element { QUEUE, TOPIC, CLOUD_FUNCTION }

    /** One QueueConfiguration / TopicConfiguration / CloudFunctionConfiguration. */
    public record Rule(String id, Element element, String arn, List<String> events, String prefix, String suffix) {
        public Rule {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(element, "element");
            Objects.requireNonNull(arn, "arn");
            events = List.copyOf(events);
        }

        /** Whether an event named {@code eventName} (without the {@code s3:} prefix) of {@code key} is this rule's. */
        public boolean matches(String eventName, String key) {
            if (prefix != null && !key.startsWith(prefix)) return false;
            if (suffix != null && !key.endsWith(suffix)) return false;
            String full = "s3:" + eventName;
            for (String e : events) {
                if (e.equals(full)) return true;
                if (e.endsWith(":*") && full.startsWith(e.substring(0, e.length() - 1))) return true;
            }
            return false;
        }
    }

    public byte[] encode() {
        ValueOutput out = new ValueOutput(V1);
        out.writeVarLong(rules.size());
        for (Rule r : rules) {
            out.writeString(r.id());
            out.writeByte(r.element().ordinal());
            out.writeString(r.arn());
            out.writeVarLong(r.events().size());
            r.events().forEach(out::writeString);
            out.writeString(r.prefix());
            out.writeString(r.suffix());
        }
        return out.toByteArray();
    }

    public static NotificationConfig decode(byte[] bytes) {
        ValueInput in = new ValueInput(bytes, V1, "notification configuration");
        int n = in.readCount();
        java.util.ArrayList<Rule> rules = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = in.readString();
            int element = in.readByte();
            if (element >= Element.values().length) {
                throw new MetadataException("notification configuration: bad element " + element);
            }
            String arn = in.readString();
            int e = in.readCount();
            java.util.ArrayList<String> events = new java.util.ArrayList<>(e);
            for (int j = 0; j < e; j++) events.add(in.readString());
            rules.add(new Rule(id, Element.values()[element], arn, events, in.readString(), in.readString()));
        }
        in.end();
        return new NotificationConfig(rules);
    }
}
