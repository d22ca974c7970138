package dev.coffer.auth;

import java.nio.charset.StandardCharsets;

/**
 * Text that stands for bytes exactly as they came over the wire, one char per byte (ISO-8859-1):
 * how the HTTP layer hands over header values, whatever their encoding. A client signs the bytes
 * it sends (boto3 sends {@code x-amz-meta-a: Hello World\xe9} as the UTF-8 bytes it signed), so the
 * canonical request and SigV2's string to sign are built in wire text and hashed byte for byte;
 * what the metadata layer later makes of a value does not matter to the signature.
 */
final class WireText {
    private WireText() {}

    /** The bytes of wire text; a char above 0xFF (never from the wire) becomes '?', and fails to match. */
    static byte[] bytes(String wire) {
        return wire.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Writes the bytes of {@code n} chars of wire text from {@code start} into {@code out}, as {@link #bytes} would. */
    static void copyBytes(CharSequence wire, int start, int n, byte[] out) {
        for (int i = 0; i < n; i++) {
            char c = wire.charAt(start + i);
            out[i] = (byte) (c <= 0xFF ? c : '?');
        }
    }

    /** Decoded Unicode text (a query value, say) as the wire text of its UTF-8 bytes. */
    static String ofUnicode(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            }
        }
        return text;
    }
}
