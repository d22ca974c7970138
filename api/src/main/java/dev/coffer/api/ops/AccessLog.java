package dev.coffer.api.ops;

/**
 * One line per request on the logger {@code coffer.access}, in logfmt ({@code key=value}
 * pairs) so that both people and log shippers read it:
 *
 * <pre>
 * op=PUT_OBJECT method=PUT bucket=photos key_len=14 status=200 in=1048576 out=0 ms=12.41 id=1A2B… outcome=ok client=10.0.0.7
 * </pre>
 *
 * Formatting happens on the caller's thread (cheap); writing happens on the
 * {@link AccessLogWriter}'s own thread, so a slow disk never stalls an event loop.
 */
public final class AccessLog implements ObservingHttpHandler.Listener {
    public static final String LOGGER = "coffer.access";

    private final AccessLogWriter writer;

    public AccessLog(AccessLogWriter writer) {
        this.writer = writer;
    }

    @Override
    public void completed(CompletedRequest r) {
        if (writer.enabled()) {
            writer.offer(format(r));
        }
    }

    static String format(CompletedRequest r) {
        StringBuilder line = new StringBuilder(160);
        line.append("op=").append(r.operation())
                .append(" method=").append(r.method())
                .append(" bucket=").append(safe(r.bucket()))
                .append(" key_len=").append(r.keyLength() < 0 ? "-" : Integer.toString(r.keyLength()))
                .append(" status=").append(r.status())
                .append(" in=").append(r.bytesIn())
                .append(" out=").append(r.bytesOut())
                .append(" ms=");
        appendMillis(line, r.durationNanos());
        line.append(" id=").append(safe(r.requestId()));
        if (r.errorCode() != null) {
            line.append(" error=").append(safe(r.errorCode()));
        }
        line.append(" outcome=").append(r.outcome())
                .append(" client=").append(safe(r.client()));
        return line.toString();
    }

    /**
     * Milliseconds with two decimals, rounded half up as {@code %.2f} would: String.format parses
     * its pattern on every call and was most of this class's cost in the profile.
     */
    static void appendMillis(StringBuilder line, long nanos) {
        long hundredths = (Math.max(nanos, 0) + 5_000) / 10_000;
        long fraction = hundredths % 100;
        line.append(hundredths / 100).append('.').append(fraction < 10 ? "0" : "").append(fraction);
    }

    /** Values come from the network: anything but a conservative set of characters becomes '?'. */
    static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        int i = 0;
        while (i < value.length() && plain(value.charAt(i))) {
            i++;
        }
        if (i == value.length()) {
            return value; // the usual case: nothing to replace, nothing to copy
        }
        StringBuilder out = new StringBuilder(value.length()).append(value, 0, i);
        for (; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(plain(c) ? c : '?');
        }
        return out.toString();
    }

    private static boolean plain(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '-' || c == '_' || c == ':' || c == '/' || c == ',';
    }
}
