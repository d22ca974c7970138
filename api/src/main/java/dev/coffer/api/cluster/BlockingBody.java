package dev.coffer.api.cluster;

import java.io.IOException;
import java.util.Iterator;
import java.util.stream.Stream;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;

/**
 * A request body read as an InputStream by a blocking thread, through Reactor's own blocking
 * iteration ({@link Flux#toStream(int)}: it subscribes on first use, waits on the reading thread
 * only, and its queue takes no lock on the event loop). Spring's SubscriberInputStream failed here
 * both ways: a read before its subscription arrived ("Subscriber must be subscribed") and a lock
 * taken on the event loop, which BlockHound refuses and which left the sender blocked mid-body.
 * Closing cancels what is left of the body and releases the buffer held. Not thread-safe.
 */
final class BlockingBody extends BulkInputStream {
    private final Stream<DataBuffer> buffers;
    private final Iterator<DataBuffer> next;
    private DataBuffer current;
    private boolean closed;

    BlockingBody(Flux<DataBuffer> body, int prefetch) {
        this.buffers = body.toStream(prefetch);
        this.next = buffers.iterator();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) throw new IOException("body closed");
        if (len == 0) return 0;
        while (current == null || current.readableByteCount() == 0) {
            release();
            try {
                if (!next.hasNext()) return -1;
                current = next.next();
            } catch (RuntimeException e) {
                throw new IOException("the request body failed: " + e.getMessage(), e);
            }
        }
        int n = Math.min(len, current.readableByteCount());
        current.read(b, off, n);
        return n;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        release();
        buffers.close();
    }

    private void release() {
        if (current != null) DataBufferUtils.release(current);
        current = null;
    }
}
