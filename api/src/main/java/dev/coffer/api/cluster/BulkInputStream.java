package dev.coffer.api.cluster;

import java.io.IOException;
import java.io.InputStream;

/**
 * An InputStream that reads only through {@link #read(byte[], int, int)}: a single-byte
 * {@link #read()} is a read of one byte into an array, so a subclass has one read path to get right.
 */
abstract class BulkInputStream extends InputStream {
    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
}
