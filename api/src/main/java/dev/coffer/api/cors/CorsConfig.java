package dev.coffer.api.cors;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.xml.CORSConfiguration;
import dev.coffer.api.xml.S3Xml;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A bucket's CORS configuration, validated as PutBucketCors validates it, and evaluated as S3
 * evaluates it: the first rule that matches a request decides.
 *
 * <p>Stored as the document GetBucketCors answers ({@link #toXml}), so that reading it back
 * ({@link #fromStored}) is parsing that document again.
 */
public final class CorsConfig {
    /** "You can add up to 100 rules to the configuration." (API_CORSConfiguration) */
    static final int MAX_RULES = 100;
    /** "The document is limited to 64 KB in size." (API_PutBucketCors) */
    public static final int MAX_DOCUMENT_BYTES = 64 * 1024;
    /** "The value cannot be longer than 255 characters." (API_CORSRule, ID) */
    static final int MAX_ID_LENGTH = 255;
    /** "Valid values are GET, PUT, HEAD, POST, and DELETE." (API_CORSRule, AllowedMethods) */
    public static final Set<String> METHODS = Set.of("GET", "PUT", "HEAD", "POST", "DELETE");

    private final List<CorsRule> rules;

    private CorsConfig(List<CorsRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<CorsRule> rules() {
        return rules;
    }

    /** The first rule that allows this origin, method and every requested header (lower case), if any. */
    public Optional<CorsRule> firstMatch(String origin, String method, List<String> requestedHeaders) {
        return rules.stream().filter(r -> r.matches(origin, method, requestedHeaders)).findFirst();
    }

    /**
     * Parses and validates a PutBucketCors body. MalformedXML for a document that is not a
     * CORSConfiguration, has no rule, more than 100, or a rule without an AllowedOrigin or an
     * AllowedMethod; InvalidRequest for a method S3 does not allow, an AllowedOrigin or
     * AllowedHeader with two {@code *}, a {@code *} in an ExposeHeader; InvalidArgument for an ID
     * longer than 255 characters. The limits S3's pages state without the error they give
     * (rule count, ID length) answer the closest code S3 uses for the same kind of limit.
     */
    public static CorsConfig parse(byte[] body, S3Xml xml) {
        CORSConfiguration document = xml.read(body, CORSConfiguration.class);
        if (document.rules().isEmpty() || document.rules().size() > MAX_RULES) {
            throw S3Exception.of(S3ErrorCode.MalformedXML);
        }
        List<CorsRule> rules = new ArrayList<>();
        for (CORSConfiguration.CORSRule r : document.rules()) {
            rules.add(validate(r));
        }
        return new CorsConfig(rules);
    }

    /** Reads a configuration stored by {@link #toXml}. */
    public static CorsConfig fromStored(byte[] stored, S3Xml xml) {
        return parse(stored, xml);
    }

    /** The GetBucketCors document: each rule's elements as given, lists in the order given. */
    public byte[] toXml(S3Xml xml) {
        List<CORSConfiguration.CORSRule> out = rules.stream().map(r -> new CORSConfiguration.CORSRule(r.id(),
                orNull(r.allowedHeaders()), r.allowedMethods(), r.allowedOrigins(), orNull(r.exposeHeaders()),
                r.maxAgeSeconds())).toList();
        return xml.write(new CORSConfiguration(out));
    }

    private static CorsRule validate(CORSConfiguration.CORSRule r) {
        List<String> origins = texts(r.allowedOrigins());
        List<String> methods = texts(r.allowedMethods());
        if (origins.isEmpty() || methods.isEmpty()) throw S3Exception.of(S3ErrorCode.MalformedXML);
        for (String method : methods) {
            if (!METHODS.contains(method)) {
                throw invalid("Found unsupported HTTP method in CORS config. Unsupported method is " + method);
            }
        }
        for (String origin : origins) {
            if (Wildcard.hasMoreThanOneStar(origin)) {
                throw invalid("AllowedOrigin \"" + origin + "\" can not have more than one wildcard.");
            }
        }
        List<String> headers = texts(r.allowedHeaders());
        for (String header : headers) {
            if (Wildcard.hasMoreThanOneStar(header)) {
                throw invalid("AllowedHeader \"" + header + "\" can not have more than one wildcard.");
            }
        }
        List<String> exposed = texts(r.exposeHeaders());
        for (String header : exposed) {
            if (header.contains("*")) {
                throw invalid("ExposeHeader \"" + header + "\" contains wildcard. We currently do not support wildcard "
                        + "for ExposeHeader.");
            }
        }
        if (r.id() != null && r.id().length() > MAX_ID_LENGTH) {
            throw S3Exception.of(S3ErrorCode.InvalidArgument)
                    .withMessage("ID length should not exceed allowed limit of " + MAX_ID_LENGTH);
        }
        return new CorsRule(r.id(), headers, methods, origins, exposed, r.maxAgeSeconds());
    }

    /** An element present but empty ({@code <AllowedOrigin/>}) is the empty string, which S3 keeps. */
    private static List<String> texts(List<String> values) {
        return values == null ? List.of() : values.stream().map(v -> Objects.requireNonNullElse(v, "")).toList();
    }

    private static List<String> orNull(List<String> values) {
        return values.isEmpty() ? null : values;
    }

    private static S3Exception invalid(String message) {
        return S3Exception.of(S3ErrorCode.InvalidRequest).withMessage(message);
    }
}
