package dev.coffer.api.cluster;

import java.io.IOException;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * Closing cancels what is left of the body and releases the buffer held, and every buffer that
 * arrived but was not read: Reactor's blocking queue drops what it holds when cancelled, without
 * releasing it, and a buffer the event loop was delivering as the cancel came still lands there.
 * Those are kept in {@link #unread} until read, so that closing can release them. Not thread-safe
 * (one reading thread); only the event loop's deliveries run beside it.
 */
final class BlockingBody extends BulkInputStream {
    private final Stream<DataBuffer> buffers;
    private final Iterator<DataBuffer> next;
    /** Delivered by the body and not yet taken by {@link #read}: what a close must release. */
    private final Queue<DataBuffer> unread = new ConcurrentLinkedQueue<>();
    private DataBuffer current;
    private volatile boolean closed;

    BlockingBody(Flux<DataBuffer> body, int prefetch) {
        this.buffers = body.doOnNext(this::delivered).toStream(prefetch);
        this.next = buffers.iterator();
    }

    private void delivered(DataBuffer buffer) {
        unread.add(buffer);
        if (closed) releaseUnread(); // a delivery that raced with close
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
                unread.poll(); // the same buffer: both hold them in the order delivered
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
        releaseUnread();
    }

    private void releaseUnread() {
        for (DataBuffer b = unread.poll(); b != null; b = unread.poll()) {
            DataBufferUtils.release(b);
        }
    }

    private void release() {
        if (current != null) DataBufferUtils.release(current);
        current = null;
    }
}
