package dev.coffer.api.service;

import dev.coffer.api.sse.Encryption;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.ObjectVersion;
import java.util.HexFormat;
import reactor.core.publisher.Mono;

/**
 * PutObject in one direction: check the bucket (so a body is not received for nothing) and choose
 * its encryption, receive the body durably (encrypted as it arrives), verify it, publish it as one catalogue command, answer the published record.
 * A body that fails its check, or that the catalogue refuses, has its chunks deleted before the
 * error is signalled.
 */
public final class ObjectPut {
    private final BlockingIo io;
    private final ObjectService objects;
    private final BodyReceiver receiver;

    public ObjectPut(BlockingIo io, ObjectService objects, BodyReceiver receiver) {
        this.io = io;
        this.objects = objects;
        this.receiver = receiver;
    }

    public Encryption encryption() {
        return objects.encryption();
    }

    /** @param origin what the object's event tells of the request */
    public Mono<ObjectVersion> put(ObjectUpload upload, dev.coffer.metadata.EventOrigin origin) {
        return objects.seal(upload.bucket(), upload.sse()).flatMap(sealed -> receiver.receiveDeclared(upload.body(),
                        upload.payload(), upload.check().declaredLength(), upload.check().algorithm(),
                        sealed.map(Encryption.Sealed::key).orElse(null))
                .flatMap(body -> io.call(() -> {
                    try {
                        upload.check().verify(body);
                    } catch (RuntimeException e) {
                        objects.discardNow(body.chunks());
                        throw e;
                    }
                    ObjectRecord record = ObjectRecord.ofBody(body.size(), HexFormat.of().formatHex(body.md5()),
                            System.currentTimeMillis(), upload.contentHeaders(), upload.userMetadata(),
                            upload.check().checksums(body), body.inline(), ObjectService.pointers(body.chunks()))
                            .withAttributes(upload.attributes());
                    return objects.publishNow(upload.bucket(), upload.key(), SseAttribute.with(record, sealed.orElse(null)),
                            body, upload.condition(), origin);
                })));
    }
}
