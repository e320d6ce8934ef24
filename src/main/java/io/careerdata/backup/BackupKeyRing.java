package io.careerdata.backup;

import io.careerdata.backup.BackupKeys.Scheme;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The backup keys the service holds: named ones ({@code backup.encryption.keys.<name>}), the
 * unnamed one of {@code backup.encryption-key} that deployments had before names, and which of
 * them new backups use. A backup names its key by fingerprint ({@code keyId}) and, for a named
 * key, by name; reading picks the key by fingerprint, so a key keeps reading its backups when it
 * moves from the unnamed setting to a named one.
 */
final class BackupKeyRing {

    /** Lower case, so the same name arrives from properties and from environment variables. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private final List<BackupKeys> keys;
    private final BackupKeys current;

    private BackupKeyRing(List<BackupKeys> keys, BackupKeys current) {
        this.keys = List.copyOf(keys);
        this.current = current;
    }

    /** No key: backups are written unencrypted, encrypted ones cannot be read. */
    static BackupKeyRing none() {
        return new BackupKeyRing(List.of(), null);
    }

    /** One unnamed key, current. */
    static BackupKeyRing unnamed(byte[] raw) {
        BackupKeys key = new BackupKeys(null, raw);
        return new BackupKeyRing(List.of(key), key);
    }

    /**
     * The keys as configured; refuses at start-up what would fail later (a bad key, an unknown or
     * missing current key).
     *
     * @param unnamed    base64 of {@code backup.encryption-key}, if set
     * @param named      base64 by name, {@code backup.encryption.keys.*}
     * @param currentKey {@code backup.encryption.current-key}; unset: the unnamed key is current
     */
    static BackupKeyRing configured(Optional<String> unnamed, Map<String, String> named, Optional<String> currentKey) {
        List<BackupKeys> keys = new ArrayList<>();
        Optional<String> legacy = unnamed.filter(k -> !k.isBlank());
        legacy.ifPresent(k -> keys.add(new BackupKeys(null, decode("backup.encryption-key", k))));
        Map<String, BackupKeys> byName = new TreeMap<>();
        named.forEach((rawName, base64) -> {
            String name = rawName.toLowerCase(Locale.ROOT);
            if (!NAME.matcher(name).matches()) {
                throw new IllegalStateException("backup.encryption.keys." + rawName
                        + ": a key name is 1 to 40 letters, digits and dashes, starting with a letter or digit");
            }
            BackupKeys key = new BackupKeys(name, decode("backup.encryption.keys." + rawName, base64));
            if (byName.put(name, key) != null) {
                throw new IllegalStateException("backup.encryption.keys." + rawName + " is configured twice");
            }
        });
        keys.addAll(byName.values());
        Optional<String> wanted = currentKey.filter(k -> !k.isBlank()).map(k -> k.trim().toLowerCase(Locale.ROOT));
        BackupKeys current;
        if (wanted.isPresent()) {
            current = byName.get(wanted.get());
            if (current == null) {
                throw new IllegalStateException("backup.encryption.current-key is " + wanted.get()
                        + ", which is not one of backup.encryption.keys " + byName.keySet());
            }
        } else if (legacy.isPresent()) {
            current = keys.get(0);
        } else if (!byName.isEmpty()) {
            throw new IllegalStateException("backup.encryption.current-key must name the key new backups use, one of "
                    + byName.keySet());
        } else {
            current = null;
        }
        return new BackupKeyRing(keys, current);
    }

    private static byte[] decode(String setting, String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not valid base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException(setting + " must be 32 bytes (AES-256), base64-encoded");
        }
        return raw;
    }

    /** The key new backups use; empty: they are not encrypted. */
    Optional<BackupKeys> current() {
        return Optional.ofNullable(current);
    }

    List<BackupKeys> all() {
        return keys;
    }

    /** The key whose fingerprint under {@code scheme} is {@code keyId}. */
    Optional<BackupKeys> find(Scheme scheme, String keyId) {
        return keys.stream().filter(k -> k.keyId(scheme).equals(keyId)).findFirst();
    }

    /** The key an encrypted manifest names, or a {@link MissingKey} that says which key it needs. */
    BackupKeys keyOf(String backupId, Manifest.Encryption encryption) {
        Scheme scheme = Scheme.ofKeyDerivation(encryption.keyDerivation()).orElseThrow(() -> new MissingKey(
                "the key derivation " + encryption.keyDerivation() + " of backup " + backupId
                        + " is not known to this service"));
        return find(scheme, String.valueOf(encryption.keyId())).orElseThrow(() -> new MissingKey(backupId, encryption,
                keys.isEmpty()));
    }

    /** How a manifest names its key, for messages: {@code key "a" (key id 0123456789abcdef)}. */
    static String describe(Manifest.Encryption encryption) {
        return (encryption.keyName() == null ? "the unnamed key" : "key \"" + encryption.keyName() + "\"")
                + " (key id " + encryption.keyId() + ")";
    }

    /** A backup whose key is not configured here; the message names the key and where it would go. */
    static final class MissingKey extends RuntimeException {

        MissingKey(String message) {
            super(message, null, false, false);
        }

        MissingKey(String backupId, Manifest.Encryption encryption, boolean noKeys) {
            this("backup " + backupId + " was encrypted with " + describe(encryption) + ", which is not configured"
                    + (noKeys ? " (no backup key is configured at all)" : "")
                    + "; configure it as " + (encryption.keyName() == null ? "backup.encryption-key or a named key"
                            : "backup.encryption.keys." + encryption.keyName()) + " to read this backup");
        }
    }
}
