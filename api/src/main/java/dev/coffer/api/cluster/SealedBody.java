package dev.coffer.api.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The body of a chunk PUT between nodes: the chunk file, then {@value #SEAL_BYTES} bytes of
 * {@link NodeAuth#seal} over the request's signature and the file's SHA-256. A seal at the end
 * rather than a hash in a header, because a chunk sent while it is written has no hash before its
 * last byte; the receiver holds back the last {@value #SEAL_BYTES} bytes and checks them when the
 * body ends, so the store, which reads to the end before it publishes, never publishes a changed file.
 */
final class SealedBody {
    static final int SEAL_BYTES = 32;

    /** A body whose seal does not match: not sent by a cluster node, or changed on its way. */
    static final class SealMismatch extends IOException {
        SealMismatch(String message) {
            super(message);
        }
    }

    private SealedBody() {}

    /** {@code file}'s bytes, then their seal under {@code header}. */
    static InputStream sealing(InputStream file, NodeAuth auth, String header) {
        MessageDigest sha = sha256();
        return new BulkInputStream() {
            private byte[] seal;
            private int sealAt;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) return 0;
                if (seal == null) {
                    int n = file.read(b, off, len);
                    if (n >= 0) {
                        sha.update(b, off, n);
                        return n;
                    }
                    seal = auth.seal(header, sha.digest());
                }
                if (sealAt == seal.length) return -1;
                int n = Math.min(len, seal.length - sealAt);
                System.arraycopy(seal, sealAt, b, off, n);
                sealAt += n;
                return n;
            }

            @Override
            public void close() throws IOException {
                file.close();
            }
        };
    }

    /**
     * The file's bytes of a sealed {@code body} (all but its last {@value #SEAL_BYTES}); its end
     * is signalled only once the seal matched, else the read fails with {@link SealMismatch}.
     */
    static InputStream checking(InputStream body, NodeAuth auth, String header) {
        MessageDigest sha = sha256();
        return new BulkInputStream() {
            private final byte[] held = new byte[SEAL_BYTES];
            private int heldLength;
            private byte[] buffer = new byte[0];
            private boolean ended;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) return 0;
                if (ended) return -1;
                if (buffer.length < len + SEAL_BYTES) buffer = new byte[len + SEAL_BYTES];
                System.arraycopy(held, 0, buffer, 0, heldLength);
                int total = heldLength;
                while (total <= SEAL_BYTES) {
                    int n = body.read(buffer, total, len);
                    if (n < 0) return end(total);
                    total += n;
                }
                int out = total - SEAL_BYTES; // at most len: total <= SEAL_BYTES + len
                System.arraycopy(buffer, 0, b, off, out);
                sha.update(buffer, 0, out);
                System.arraycopy(buffer, out, held, 0, SEAL_BYTES);
                heldLength = SEAL_BYTES;
                return out;
            }

            private int end(int total) throws IOException {
                if (total < SEAL_BYTES) throw new SealMismatch("the body ends before its seal");
                if (!MessageDigest.isEqual(java.util.Arrays.copyOf(buffer, SEAL_BYTES), auth.seal(header, sha.digest()))) {
                    throw new SealMismatch("the body's seal does not match its bytes and signature");
                }
                ended = true;
                return -1;
            }

            @Override
            public void close() throws IOException {
                body.close();
            }
        };
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
