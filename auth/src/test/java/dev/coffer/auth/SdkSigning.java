package dev.coffer.auth;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/** Test fixture: requests signed by the AWS SDK for Java v2's own SigV4 signer, as our verifier sees them. */
final class SdkSigning {
    static final String AKID = "AKIDSDKTEST";
    static final String SECRET = "sdk/secret+key=with~odd chars";
    static final Instant NOW = Instant.parse("2026-03-01T12:34:56Z");

    private SdkSigning() {}

    /** https: over http the SDK signs payloads even when told not to (and presigns with their hash). */
    static SdkHttpRequest.Builder base(SdkHttpMethod method, String key) {
        return SdkHttpRequest.builder().method(method).protocol("https").host("localhost").port(9000)
                .encodedPath("/bucket/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key));
    }

    static software.amazon.awssdk.http.auth.spi.signer.SignedRequest sign(SdkHttpRequest request,
            ContentStreamProvider payload, Consumer<SignRequest.Builder<AwsCredentialsIdentity>> extra) {
        return AwsV4HttpSigner.create().sign(b -> {
            b.identity(AwsCredentialsIdentity.create(AKID, SECRET)).request(request).payload(payload)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC));
            extra.accept(b);
        });
    }

    static SignedRequest toSigned(SdkHttpRequest signed) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        signed.forEachHeader((name, values) -> headers
                .computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values));
        if (!headers.containsKey("host")) headers.put("host", List.of(signed.host() + ":" + signed.port()));
        return new SignedRequest(signed.method().name(), signed.encodedPath(),
                signed.encodedQueryParameters().orElse(""), headers);
    }
}
