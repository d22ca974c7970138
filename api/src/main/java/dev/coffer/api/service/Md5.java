package dev.coffer.api.service;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** MD5, which every JDK has. */
final class Md5 {
    private Md5() {}

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
