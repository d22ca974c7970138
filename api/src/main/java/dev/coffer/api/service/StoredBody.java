package dev.coffer.api.service;

import dev.coffer.storage.ChunkRef;
import java.util.List;
import java.util.Map;

/**
 * A request body that has been received in full, checked and made durable, but not yet published
 * in the catalogue.
 *
 * @param size payload bytes
 * @param md5 the payload's MD5 (16 bytes)
 * @param checksum the flexible checksum asked for (base64), or null when none was
 * @param inline the bytes when small enough to live in the metadata record, else null
 * @param chunks the durable chunks holding the bytes otherwise
 * @param trailers trailing headers of an aws-chunked body (lower-case names)
 */
public record StoredBody(long size, byte[] md5, String checksum, byte[] inline, List<ChunkRef> chunks, Map<String, String> trailers) {}
