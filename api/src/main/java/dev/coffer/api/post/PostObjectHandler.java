package dev.coffer.api.post;

import dev.coffer.api.acl.ObjectAcls;
import dev.coffer.api.authz.ActionCheck;
import dev.coffer.api.authz.ConditionKeys;
import dev.coffer.api.authz.IamActions;
import dev.coffer.api.authz.RequestAccess;
import dev.coffer.api.checksum.ChecksumRequest;
import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.handler.VersionHeaders;
import dev.coffer.api.http.Names;
import dev.coffer.api.http.ObjectHeaders;
import dev.coffer.api.http.UnimplementedHeaders;
import dev.coffer.api.service.SseAttribute;
import dev.coffer.api.sse.Encryption;
import dev.coffer.api.sse.SseRequest;
import dev.coffer.api.sse.SseResponseHeaders;
import dev.coffer.api.lock.LockHeaders;
import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.server.AuthenticatesItself;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.BodyReceiver;
import dev.coffer.api.service.ObjectService;
import dev.coffer.api.service.StoredBody;
import dev.coffer.api.tagging.ObjectTagging;
import dev.coffer.api.tagging.TagSets;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.auth.AuthException;
import dev.coffer.auth.PostPolicy;
import dev.coffer.auth.PostPolicyVerifier;
import dev.coffer.metadata.ChunkPointer;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.WriteCondition;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.FormPartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.http.codec.multipart.PartEventHttpMessageReader;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.util.context.Context;

/**
 * PostObject: a browser form upload, authenticated by the form's signed policy. The fields before
 * the file are read (bounded), the signature and policy checked, and only then does the file
 * stream into chunk files as a PUT body does; fields after the file are ignored, as S3 ignores them.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html
 */
public final class PostObjectHandler implements S3Handler, AuthenticatesItself {
    /** S3's largest POST upload: 5 GiB. */
    static final long MAX_POST_SIZE = 5L * 1024 * 1024 * 1024;
    /** Multipart events held per part at a time: the file streams with this many buffers in flight. */
    private static final int PREFETCH = 8;
    private static final ResolvableType PART_EVENT = ResolvableType.forClass(PartEvent.class);

    private static final Logger log = LoggerFactory.getLogger(PostObjectHandler.class);
    /**
     * Reactor's context key for a subscription's own onErrorDropped hook. Spring's part reader
     * signals a form that ends inside a part twice (its own windowing does what is described in
     * {@link #handle}); the first reaches us and answers MalformedPOSTRequest, the second would be
     * logged by Reactor as an ERROR with a stack trace. It is the client's mistake: one line, debug.
     */
    private static final String ON_ERROR_DROPPED = "reactor.onErrorDropped.local";
    private static final Consumer<Throwable> DROPPED = e -> log.debug("POST form: second report of a malformed form "
            + "dropped: {}", e.toString());

    private final ObjectService objects;
    private final BodyReceiver receiver;
    private final PostPolicyVerifier verifier;
    private final S3Xml xml;
    private final PartEventHttpMessageReader parts = new PartEventHttpMessageReader();

    private final ObjectAcls acls;

    /** Without ACLs (a form's acl field other than private / bucket-owner-full-control is then refused): for tests. */
    public PostObjectHandler(ObjectService objects, BodyReceiver receiver, PostPolicyVerifier verifier, S3Xml xml) {
        this(objects, receiver, verifier, xml, null);
    }

    public PostObjectHandler(ObjectService objects, BodyReceiver receiver, PostPolicyVerifier verifier, S3Xml xml,
                             ObjectAcls acls) {
        this.acls = acls;
        this.objects = objects;
        this.receiver = receiver;
        this.verifier = verifier;
        this.xml = xml;
        parts.setMaxInMemorySize(PostForm.MAX_FIELD_BYTES);
    }

    @Override
    public S3Operation operation() {
        return S3Operation.POST_OBJECT;
    }

    @Override
    public Mono<Void> handle(S3Call call) {
        PostForm form = new PostForm();
        AtomicReference<PostUpload> received = new AtomicReference<>();
        // The parser's failure ends the parts as if the form ended, and is raised once they are done:
        // windowUntil would signal it twice (to the open part and to the form), the second dropped
        // with a stack trace. A file cut short that way is discarded below, never published.
        AtomicReference<Throwable> parserFailure = new AtomicReference<>();
        ParserGate gate = new ParserGate();
        return objects.checkBucket(call.s3().bucket())
                // Parsed on the gate's executor, one signal at a time (see ParserGate).
                .thenMany(Flux.defer(() -> gate.read(parts.read(PART_EVENT, gate.body(call.http()), Map.of())))
                        // Spring's reader throws these for a part header it cannot parse: an
                        // IllegalArgumentException for a Content-Disposition without its type, a
                        // StringIndexOutOfBounds from ContentDisposition.parse for an unterminated
                        // quoted value (filename="). Either way the form is malformed.
                        .onErrorMap(PostObjectHandler::unparsablePartHeader,
                                e -> S3Exception.of(S3ErrorCode.MalformedPOSTRequest))
                        .onErrorResume(e -> {
                            parserFailure.set(e);
                            return Flux.empty();
                        })
                        .contextWrite(Context.of(ON_ERROR_DROPPED, DROPPED)))
                .windowUntil(PartEvent::isLast, false, PREFETCH)
                .transform(gate::windows)
                .concatMap(part -> gate.serial(part)
                        .switchOnFirst((first, events) -> onPart(call, form, first, gate.serial(events))))
                .doOnNext(received::set)
                .then(Mono.defer(() -> parserFailure.get() == null ? Mono.empty() : Mono.error(parserFailure.get())))
                .onErrorMap(PostObjectHandler::malformed)
                .then(Mono.fromCallable(() -> Optional.ofNullable(received.getAndSet(null)).orElseThrow(
                        PostObjectHandler::noFile)))
                .flatMap(upload -> commit(call, form, upload))
                .onErrorResume(e -> discard(received.getAndSet(null)).then(Mono.error(e)))
                .doOnCancel(() -> discard(received.getAndSet(null)).subscribe())
                // Upstream of here, a form cut short leaves parts in the windows' queues (the reader's own
                // discards are the gate's).
                .doOnDiscard(Object.class, DiscardedParts::release);
    }

    private Flux<PostUpload> onPart(S3Call call, PostForm form, Signal<? extends PartEvent> first, Flux<PartEvent> events) {
        if (!first.hasValue()) return events.thenMany(Flux.empty());
        PartEvent event = first.get();
        // Every part of form-data names itself (RFC 7578); PartEvent.name() would throw for one that does not.
        String name = event.headers().getContentDisposition().getName();
        if (name == null) throw S3Exception.of(S3ErrorCode.MalformedPOSTRequest);
        if (form.fileSeen() || !"file".equalsIgnoreCase(name)) {
            if (!form.fileSeen() && event instanceof FilePartEvent) return fieldSentAsFile(form, name, events);
            if (!form.fileSeen() && event instanceof FormPartEvent field) form.add(field.name(), field.value());
            return events.doOnNext(e -> DataBufferUtils.release(e.content())).thenMany(Flux.empty());
        }
        form.markFileSeen();
        String key = form.resolveKey(event instanceof FilePartEvent file ? file.filename() : null);
        Names.checkKey(key);
        PostPolicyVerifier.VerifiedPost verified;
        try {
            verified = verifier.verify(form.fields(), call.s3().bucket());
        } catch (AuthException e) {
            throw Exceptions.propagate(e);
        }
        Map<String, String> named = form.asHeaderNames();
        UnimplementedHeaders.check(named, acls == null ? S3Operation.UNSUPPORTED : S3Operation.POST_OBJECT);
        // The tagging field holds a Tagging document (not x-amz-tagging's query form); checked before the file is received.
        String tagging = form.get("tagging");
        Map<String, String> tags = tagging == null ? Map.of()
                : TagSets.fromXml(xml, tagging.getBytes(StandardCharsets.UTF_8), TagSets.Scope.OBJECT);
        // The Object Lock fields, as headers would be; refused before the file is received.
        Map<String, byte[]> attributes = LockHeaders.plus(tagging == null ? Map.of() : ObjectTagging.attributes(tags),
                LockHeaders.attributes(form.asHeaders(), System.currentTimeMillis()));
        Optional<ChecksumRequest> checksum = ChecksumRequest.from(form.asHeaders());
        Optional<PostPolicy.LengthRange> range = verified.policy().contentLengthRange();
        long max = Math.min(MAX_POST_SIZE, range.map(PostPolicy.LengthRange::max).orElse(MAX_POST_SIZE));
        objects.encryption().checkTransport(call, form.asHeaders());
        SseRequest sse = SseRequest.parse(form.asHeaders());
        // The form acts with the rights of the key that signed its policy (anonymous for a form without
        // one), checked before a byte is stored.
        // Its condition keys are the form's (s3:authType POST, its signature, its tags), and a form
        // that sets tags needs s3:PutObjectTagging too, as PutObject with x-amz-tagging does.
        RequestAccess signer = call.access().signedBy(verified.auth().accessKeyId())
                .withKeys(ConditionKeys.postForm(form.fields(), tags, Instant.now()));
        Mono<Void> allowed = signer.require(IamActions.postObject(call.s3().bucket(), key));
        if (tagging != null) allowed = allowed.then(signer.require(IamActions.postObjectTags(call.s3().bucket(), key)));
        // Its lock fields need s3:PutObjectRetention / s3:PutObjectLegalHold, as PutObject's lock headers do.
        for (ActionCheck lock : IamActions.lockChecks(call.s3().bucket(), key, named::containsKey)) {
            allowed = allowed.then(signer.require(lock));
        }
        // A refusal that comes before the receiver takes the file (the rights and the acl field are
        // judged off the event loop) leaves the file's events to no one: they are released instead.
        AtomicBoolean taken = new AtomicBoolean();
        return allowed
                .then(acls == null ? Mono.just(Map.<String, byte[]>of())
                        : acls.attributes(signer, call.s3().bucket(), key, named::get))
                .flatMap(acl -> objects.seal(call.s3().bucket(), sse).flatMap(sealed -> receiver.receive(
                        events.doOnSubscribe(s -> taken.set(true)).map(PartEvent::content), verified.auth().payload(), max,
                        checksum.map(ChecksumRequest::algorithm).orElse(null), sealed.map(Encryption.Sealed::key).orElse(null))
                        .map(body -> new PostUpload(key, body, range, checksum, ObjectAcls.merge(attributes, acl),
                                sealed.orElse(null), signer.principal()))))
                .onErrorMap(e -> tooLarge(e, max))
                .doOnError(e -> {
                    if (!taken.get()) DiscardedParts.releaseUnread(events);
                })
                .flux();
    }

    /**
     * A field whose part carries a filename: only the part named {@code file} is the file, as S3
     * reads a form; Python's requests, for one, sends every field this way. Its content is the
     * value, bounded like every field.
     */
    private static Flux<PostUpload> fieldSentAsFile(PostForm form, String name, Flux<PartEvent> events) {
        return DataBufferUtils.join(events.map(PartEvent::content), PostForm.MAX_FIELD_BYTES)
                .map(buffer -> {
                    try {
                        return buffer.toString(StandardCharsets.UTF_8);
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .defaultIfEmpty("")
                .doOnNext(value -> form.add(name, value))
                .thenMany(Flux.empty());
    }

    private Mono<Void> commit(S3Call call, PostForm form, PostUpload upload) {
        String bucket = call.s3().bucket();
        return Mono.fromRunnable(() -> verify(upload))
                .onErrorResume(e -> objects.discard(upload.body()).then(Mono.error(e)))
                .then(Mono.defer(() -> objects.publish(bucket, upload.key(), record(form, upload), upload.body(),
                        // The event names the key that signed the form (the request itself carries none), as S3's does.
                        WriteCondition.NONE, dev.coffer.api.notify.EventOrigins.of(call, "Post", upload.signer()))))
                .flatMap(version -> {
                    VersionHeaders.written(call, version);
                    SseResponseHeaders.write(SseAttribute.of(version.record()), call.responseHeaders());
                    return PostSuccess.answer(call, form, xml, bucket, upload.key(), version.record().etag());
                });
    }

    /** EntityTooSmall / EntityTooLarge against content-length-range; BadDigest against a checksum field. */
    private static void verify(PostUpload upload) {
        long size = upload.body().size();
        upload.range().ifPresent(range -> {
            if (size < range.min()) {
                throw S3Exception.of(S3ErrorCode.EntityTooSmall).with("ProposedSize", Long.toString(size))
                        .with("MinSizeAllowed", Long.toString(range.min()));
            }
            if (size > range.max()) throw tooLarge(size, range.max());
        });
        upload.checksum().ifPresent(c -> c.verify(upload.body().checksum(), Map.of()));
    }

    private static ObjectRecord record(PostForm form, PostUpload upload) {
        StoredBody body = upload.body();
        Map<String, String> checksums = upload.checksum()
                .map(c -> Map.of(c.algorithm().name(), body.checksum())).orElse(Map.of());
        return SseAttribute.with(ObjectRecord.ofBody(body.size(), HexFormat.of().formatHex(body.md5()),
                System.currentTimeMillis(), ObjectHeaders.contentHeaders(form.asHeaders()),
                ObjectHeaders.userMetadata(form.asHeaders()), checksums, body.inline(),
                dev.coffer.api.service.ObjectService.pointers(body.chunks()))
                .withAttributes(upload.attributes()), upload.sealed());
    }

    private Mono<Void> discard(PostUpload upload) {
        return upload == null ? Mono.empty() : objects.discard(upload.body()).onErrorResume(e -> Mono.empty());
    }

    private static Throwable tooLarge(Throwable e, long max) {
        if (e instanceof S3Exception s3 && s3.code() == S3ErrorCode.EntityTooLarge) {
            return s3.with("MaxSizeAllowed", Long.toString(max));
        }
        return e;
    }

    private static S3Exception tooLarge(long size, long max) {
        return S3Exception.of(S3ErrorCode.EntityTooLarge).with("ProposedSize", Long.toString(size))
                .with("MaxSizeAllowed", Long.toString(max));
    }

    private static boolean unparsablePartHeader(Throwable e) {
        return e instanceof IllegalArgumentException || e instanceof IndexOutOfBoundsException;
    }

    /** The multipart parser's failures as S3 names them; everything else passes unchanged. */
    private static Throwable malformed(Throwable e) {
        if (e instanceof DataBufferLimitException) return S3Exception.of(S3ErrorCode.MaxPostPreDataLengthExceededError);
        // An empty or unterminated boundary, an unknown charset on the form or on a part.
        if (e instanceof DecodingException || e instanceof InvalidMediaTypeException) {
            return S3Exception.of(S3ErrorCode.MalformedPOSTRequest);
        }
        return e;
    }

    private static S3Exception noFile() {
        return S3Exception.of(S3ErrorCode.InvalidArgument).withMessage("POST requires exactly one file upload per request.")
                .with("ArgumentName", "file").with("ArgumentValue", "0");
    }
}
