package dev.coffer.metadata;

import java.util.List;

/**
 * The column families of multipart uploads, declared like {@link CatalogTables}'.
 *
 * <pre>
 * | table     | key bytes                                          | value              | read by          |
 * |-----------|----------------------------------------------------|--------------------|------------------|
 * | uploads   | bucket | 0x00 | object key | 0x00 | upload id (32) | UploadRecord v1    | get, range scan  |
 * | parts     | upload id (32) | part number, 4 bytes big-endian   | PartRecord v1      | get, range scan  |
 * | completed | upload id (32)                                     | CompletedUpload v1 | get, scan oldest |
 * </pre>
 *
 * Uploads sort by key, then by id, which is initiation order ({@link UploadIds}): the order of
 * ListMultipartUploads, so its pages are range scans like object listings. One upload's parts
 * are the range [id, successor(id)), in part-number order: ListParts and completion are scans.
 * Value formats: {@link UploadValueCodecs}.
 */
final class UploadTables {
    private UploadTables() {}

    static final TableDef<UploadKey, UploadRecord> UPLOADS =
            new TableDef<>("uploads", UploadKeyCodecs.UPLOAD, UploadValueCodecs.UPLOAD, true);

    static final TableDef<PartKey, PartRecord> PARTS =
            new TableDef<>("parts", UploadKeyCodecs.PART, UploadValueCodecs.PART, true);

    static final TableDef<String, CompletedUpload> COMPLETED =
            new TableDef<>("completed", UploadKeyCodecs.UPLOAD_ID, UploadValueCodecs.COMPLETED, true);

    static final List<TableDef<?, ?>> ALL = List.of(UPLOADS, PARTS, COMPLETED);
}
