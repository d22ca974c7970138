package dev.coffer.auth.policy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An address or CIDR block of IpAddress / NotIpAddress ({@code 203.0.113.0/24},
 * {@code 2001:DB8:1234:5678::/64}); a bare address is a block of one. Only literals are parsed,
 * so no policy ever causes a DNS lookup.
 */
record IpRange(byte[] network, int prefix) {

    /** Null when the text is no address or block. */
    static IpRange parse(String text) {
        String address = text.trim();
        int prefix = -1;
        int slash = address.indexOf('/');
        if (slash >= 0) {
            String bits = address.substring(slash + 1);
            if (!bits.matches("\\d{1,3}")) return null;
            prefix = Integer.parseInt(bits);
            address = address.substring(0, slash);
        }
        byte[] bytes = literal(address);
        if (bytes == null) return null;
        if (prefix < 0) prefix = bytes.length * 8;
        if (prefix > bytes.length * 8) return null;
        return new IpRange(bytes, prefix);
    }

    /** The bytes of an IPv4 or IPv6 literal, or null. */
    static byte[] literal(String text) {
        if (text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            String[] parts = text.split("\\.");
            byte[] out = new byte[4];
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(parts[i]);
                if (v > 255) return null;
                out[i] = (byte) v;
            }
            return out;
        }
        if (text.indexOf(':') >= 0 && text.matches("[0-9A-Fa-f:.]+")) {
            try {
                return InetAddress.getByName(text).getAddress(); // a literal: no lookup
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }

    boolean contains(String address) {
        byte[] other = literal(address);
        if (other == null) return false;
        if (other.length == 16 && network.length == 4 && isMappedV4(other)) {
            byte[] v4 = new byte[4];
            System.arraycopy(other, 12, v4, 0, 4);
            other = v4;
        }
        if (other.length != network.length) return false;
        int bits = network.length * 8;
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
        return new BigInteger(1, network).and(mask).equals(new BigInteger(1, other).and(mask));
    }

    private static boolean isMappedV4(byte[] v6) {
        for (int i = 0; i < 10; i++) if (v6[i] != 0) return false;
        return v6[10] == (byte) 0xff && v6[11] == (byte) 0xff;
    }
}
