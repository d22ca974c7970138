package dev.coffer.api.handler;

import dev.coffer.api.lifecycle.ExpirationHeader;
import dev.coffer.api.acl.ObjectAcls;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.BlockingIo;
import dev.coffer.api.service.BodyReceiver;
import dev.coffer.api.service.ChunkLeases;
import dev.coffer.api.service.MultipartService;
import dev.coffer.api.service.ObjectService;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.metadata.Catalog;
import dev.coffer.storage.ChunkStore;
import java.util.List;

/** The seven multipart operations and GetObjectAttributes, wired to one service. */
public final class MultipartHandlers {
    private MultipartHandlers() {}

    public static List<S3Handler> all(BlockingIo io, Catalog catalog, ChunkStore chunks, ChunkLeases leases,
                                      ObjectService objects, S3Xml xml, SmallBodies bodies, Owners owners,
                                      ObjectAcls acls, ExpirationHeader expiration) {
        MultipartService uploads = new MultipartService(io, catalog, chunks, leases, objects);
        // Threshold 0: a part is never inline, so completion adopts every part's chunks as they are.
        BodyReceiver partReceiver = new BodyReceiver(io, chunks, 0, objects.placement());
        return List.of(
                new CreateMultipartUploadHandler(uploads, xml, owners, acls),
                new UploadPartHandler(uploads, partReceiver),
                new UploadPartCopyHandler(uploads, xml),
                new CompleteMultipartUploadHandler(uploads, xml, bodies, expiration),
                new AbortMultipartUploadHandler(uploads),
                new ListPartsHandler(uploads, xml, owners),
                new ListMultipartUploadsHandler(uploads, xml, owners),
                new GetObjectAttributesHandler(objects, xml));
    }
}
