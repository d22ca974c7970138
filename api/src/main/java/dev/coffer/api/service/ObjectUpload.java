package dev.coffer.api.service;

import dev.coffer.api.sse.SseRequest;
import dev.coffer.auth.PayloadMode;
import dev.coffer.metadata.WriteCondition;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Flux;

/**
 * A PutObject as the handler parsed it: where the object goes, its body as it arrives, what the
 * body must match, what the object carries besides its bytes (headers, metadata, and the version
 * attributes it starts with, such as its tags), the write condition and the encryption asked for.
 */
public record ObjectUpload(String bucket, String key, Flux<DataBuffer> body, PayloadMode payload,
                           BodyCheck check, Map<String, String> contentHeaders, Map<String, String> userMetadata,
                           Map<String, byte[]> attributes, WriteCondition condition, SseRequest sse) {}
