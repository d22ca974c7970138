package dev.coffer.api.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One S3 error answer: thrown by handlers, rendered by the single error writer as
 * {@code <Error><Code/><Message/>[elements]<Resource/><RequestId/></Error>} with the code's status.
 *
 * <p>Immutable and created per error; the {@code with*} methods return new instances. No stack
 * trace is captured unless a cause is attached, because these are expected answers, not bugs.
 */
public final class S3Exception extends RuntimeException {

    private static final Pattern ELEMENT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");
    /** Elements the error writer renders itself; extras may not repeat them. */
    private static final Set<String> RESERVED_ELEMENTS = Set.of("Code", "Message", "Resource", "RequestId");

    private final S3ErrorCode code;
    private final String resource;
    private final Map<String, String> elements;
    private final Map<String, String> headers;

    private S3Exception(S3ErrorCode code, String message, String resource,
                        Map<String, String> elements, Map<String, String> headers, Throwable cause) {
        super(message, cause, false, cause != null);
        this.code = code;
        this.resource = resource;
        this.elements = elements;
        this.headers = headers;
    }

    public static S3Exception of(S3ErrorCode code) {
        return of(code, null);
    }

    /** @param resource the bucket or object the request named ({@code /bucket/key}), or null */
    public static S3Exception of(S3ErrorCode code, String resource) {
        Objects.requireNonNull(code, "code");
        return new S3Exception(code, code.defaultMessage(), resource, Map.of(), Map.of(), null);
    }

    public S3Exception withMessage(String message) {
        return new S3Exception(code, Objects.requireNonNull(message, "message"), resource, elements, headers,
                getCause());
    }

    public S3Exception withResource(String resource) {
        return new S3Exception(code, getMessage(), resource, elements, headers, getCause());
    }

    /**
     * Adds an element rendered inside {@code <Error>} after {@code <Message>}, in the order added,
     * e.g. {@code with("BucketName", bucket)}; adding a name again replaces its value in place.
     */
    public S3Exception with(String element, String value) {
        if (!ELEMENT_NAME.matcher(element).matches() || RESERVED_ELEMENTS.contains(element)) {
            throw new IllegalArgumentException("not an extra <Error> element name: " + element);
        }
        return new S3Exception(code, getMessage(), resource, put(elements, element, value), headers, getCause());
    }

    /** Adds a response header sent with the error, e.g. {@code Allow} with MethodNotAllowed. */
    public S3Exception withHeader(String name, String value) {
        return new S3Exception(code, getMessage(), resource, elements, put(headers, name, value), getCause());
    }

    /** Attaches the lower-layer failure (for the log, never for the body); captures a stack trace. */
    public S3Exception withCause(Throwable cause) {
        return new S3Exception(code, getMessage(), resource, elements, headers, cause);
    }

    public S3ErrorCode code() {
        return code;
    }

    public int status() {
        return code.status();
    }

    /** The text of {@code <Message>}: the code's default message unless replaced. */
    public String message() {
        return getMessage();
    }

    /** Nullable. */
    public String resource() {
        return resource;
    }

    /** Extra {@code <Error>} elements, in order; unmodifiable. */
    public Map<String, String> elements() {
        return elements;
    }

    /** Response headers to add, in order; unmodifiable. */
    public Map<String, String> headers() {
        return headers;
    }

    private static Map<String, String> put(Map<String, String> map, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(map);
        copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public String toString() {
        return "S3Exception[" + code.code() + " " + code.status() + " " + getMessage()
                + (resource == null ? "" : " resource=" + resource) + "]";
    }
}
