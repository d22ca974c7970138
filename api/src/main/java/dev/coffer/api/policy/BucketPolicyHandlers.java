package dev.coffer.api.policy;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.handler.SmallBodies;
import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.xml.PolicyStatus;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.auth.policy.MalformedPolicyException;
import dev.coffer.auth.policy.PolicyDocument;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * The bucket policy operations. Who may call them is the Authorizer's (the bucket owner's root
 * always may, whatever the policy denies); the handlers only keep the document.
 */
public final class BucketPolicyHandlers {
    private BucketPolicyHandlers() {}

    public static List<S3Handler> all(BucketPolicies policies, S3Xml xml, SmallBodies bodies) {
        return List.of(new GetBucketPolicy(policies), new PutBucketPolicy(policies, bodies),
                new DeleteBucketPolicy(policies), new GetBucketPolicyStatus(policies, xml));
    }

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicy.html — the document as it was put. */
    record GetBucketPolicy(BucketPolicies policies) implements S3Handler {
        public S3Operation operation() {
            return S3Operation.GET_BUCKET_POLICY;
        }

        public Mono<Void> handle(S3Call call) {
            String bucket = call.s3().bucket();
            return policies.policy(bucket).flatMap(policy -> {
                String json = policy.orElseThrow(() -> noPolicy(call));
                byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
                call.response().setStatusCode(HttpStatus.OK);
                call.responseHeaders().set(HttpHeaders.CONTENT_TYPE, "application/json");
                call.responseHeaders().setContentLength(bytes.length);
                return call.response().writeWith(Mono.just(call.response().bufferFactory().wrap(bytes)));
            });
        }
    }

    /**
     * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html — validated as S3
     * validates it (MalformedPolicy), refused when Block Public Access blocks a public policy.
     * x-amz-confirm-remove-self-bucket-access needs no handling: the owner's root can never be
     * locked out of the policy here.
     */
    record PutBucketPolicy(BucketPolicies policies, SmallBodies bodies) implements S3Handler {
        public S3Operation operation() {
            return S3Operation.PUT_BUCKET_POLICY;
        }

        public Mono<Void> handle(S3Call call) {
            String bucket = call.s3().bucket();
            return policies.effectivePublicAccessBlock(bucket) // NoSuchBucket before any complaint about the body
                    .zipWith(bodies.read(call))
                    .flatMap(t -> {
                        String json = new String(t.getT2().bytes(), StandardCharsets.UTF_8);
                        PolicyDocument policy;
                        try {
                            policy = PolicyDocument.parseBucketPolicy(json, bucket);
                        } catch (MalformedPolicyException e) {
                            throw S3Exception.of(S3ErrorCode.MalformedPolicy, call.s3().resource()).withMessage(e.getMessage());
                        }
                        if (t.getT1().blockPublicPolicy() && policy.isPublic()) {
                            throw S3Exception.of(S3ErrorCode.AccessDenied, call.s3().resource()).withMessage("User is not "
                                    + "authorized to perform: s3:PutBucketPolicy on resource: \"arn:aws:s3:::" + bucket
                                    + "\" because public policies are blocked by the BlockPublicPolicy block public "
                                    + "access setting.");
                        }
                        return policies.setPolicy(bucket, json);
                    })
                    .then(call.empty(HttpStatus.NO_CONTENT));
        }
    }

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketPolicy.html — 204 whether or not there was one. */
    record DeleteBucketPolicy(BucketPolicies policies) implements S3Handler {
        public S3Operation operation() {
            return S3Operation.DELETE_BUCKET_POLICY;
        }

        public Mono<Void> handle(S3Call call) {
            return policies.setPolicy(call.s3().bucket(), null).then(call.empty(HttpStatus.NO_CONTENT));
        }
    }

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicyStatus.html — S3's meaning of public. */
    record GetBucketPolicyStatus(BucketPolicies policies, S3Xml xml) implements S3Handler {
        public S3Operation operation() {
            return S3Operation.GET_BUCKET_POLICY_STATUS;
        }

        public Mono<Void> handle(S3Call call) {
            return policies.policy(call.s3().bucket()).flatMap(policy -> {
                String json = policy.orElseThrow(() -> noPolicy(call));
                return call.xml(HttpStatus.OK, xml.write(new PolicyStatus(PolicyDocument.parseBucketPolicy(json, null)
                        .isPublic())));
            });
        }
    }

    private static S3Exception noPolicy(S3Call call) {
        return S3Exception.of(S3ErrorCode.NoSuchBucketPolicy, call.s3().resource()).with("BucketName", call.s3().bucket());
    }
}
