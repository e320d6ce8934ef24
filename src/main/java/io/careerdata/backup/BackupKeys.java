package io.careerdata.backup;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys made from one configured backup key, one for each use: the file cipher, the
 * manifest MAC and the key id (its fingerprint). {@link BackupKeyRing} holds the configured keys. Since {@link Scheme#HKDF} they are HKDF-SHA256 subkeys (RFC 5869)
 * with a label each, so no key serves two algorithms. {@link Scheme#LEGACY} is how backups
 * written before were keyed; it is kept only to read them.
 */
final class BackupKeys {

    /** How the keys of a backup were made: named in the manifest, numbered in each encrypted file. */
    enum Scheme {
        /** The configured key encrypted the files itself; HMACs of it under a label made the MAC key and the key id. */
        LEGACY(null, 1),
        /** HKDF-SHA256 subkeys with distinct labels. */
        HKDF("HKDF-SHA256", 2);

        static final Scheme CURRENT = HKDF;

        /** {@code encryption.keyDerivation} of the manifest; absent (null) in manifests of the legacy scheme. */
        final String keyDerivation;
        /** The version byte of an encrypted file. */
        final int fileVersion;

        Scheme(String keyDerivation, int fileVersion) {
            this.keyDerivation = keyDerivation;
            this.fileVersion = fileVersion;
        }

        static Optional<Scheme> ofKeyDerivation(String name) {
            return Arrays.stream(values()).filter(s -> java.util.Objects.equals(s.keyDerivation, name)).findFirst();
        }

        static Optional<Scheme> ofFileVersion(int version) {
            return Arrays.stream(values()).filter(s -> s.fileVersion == version).findFirst();
        }
    }

    private static final String HMAC = "HmacSHA256";
    private static final String FILE_LABEL = "career-data backup v2: file encryption (AES-256-GCM)";
    private static final String MAC_LABEL = "career-data backup v2: manifest MAC (HMAC-SHA256)";
    private static final String KEY_ID_LABEL = "career-data backup v2: key id";

    /** The key's name in {@code backup.encryption.keys.<name>}; null for the one of {@code backup.encryption-key}. */
    private final String name;
    private final SecretKey legacyFileKey;
    private final byte[] legacyMacKey;
    private final String legacyKeyId;
    private final SecretKey fileKey;
    private final byte[] macKey;
    private final String keyId;

    BackupKeys(String name, byte[] configured) {
        this.name = name;
        legacyFileKey = new SecretKeySpec(configured, "AES");
        legacyMacKey = hmac(configured, "career-data backup manifest");
        legacyKeyId = HexFormat.of().formatHex(hmac(configured, "career-data backup key id"), 0, 8);
        byte[] pseudoRandomKey = hmac(new byte[32], configured); // HKDF-Extract, no salt: 32 zero bytes
        fileKey = new SecretKeySpec(expand(pseudoRandomKey, FILE_LABEL), "AES");
        macKey = expand(pseudoRandomKey, MAC_LABEL);
        keyId = HexFormat.of().formatHex(expand(pseudoRandomKey, KEY_ID_LABEL), 0, 8);
    }

    String name() {
        return name;
    }

    /** The configuration property that holds the key. */
    String setting() {
        return name == null ? "backup.encryption-key" : "backup.encryption.keys." + name;
    }

    SecretKey fileKey(Scheme scheme) {
        return scheme == Scheme.LEGACY ? legacyFileKey : fileKey;
    }

    byte[] macKey(Scheme scheme) {
        return (scheme == Scheme.LEGACY ? legacyMacKey : macKey).clone();
    }

    /** A one-way fingerprint of the key (16 hex digits) that tells keys apart without revealing them. */
    String keyId(Scheme scheme) {
        return scheme == Scheme.LEGACY ? legacyKeyId : keyId;
    }

    /** HKDF-Expand for one output block (32 bytes): T(1) = HMAC(PRK, info | 0x01). */
    private static byte[] expand(byte[] pseudoRandomKey, String info) {
        byte[] label = info.getBytes(StandardCharsets.UTF_8);
        byte[] input = Arrays.copyOf(label, label.length + 1);
        input[label.length] = 1;
        return hmac(pseudoRandomKey, input);
    }

    private static byte[] hmac(byte[] key, String data) {
        return hmac(key, data.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
