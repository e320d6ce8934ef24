package io.careerdata.backup;

import io.careerdata.backup.BackupKeys.Scheme;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM for backup files, in chunks so that neither side holds a whole file in memory (a
 * single GCM message must be buffered whole before it can be checked). Each chunk is sealed with
 * a nonce made of a per-file random prefix, the chunk's number and a last-chunk flag, and with the
 * file's identity as associated data: reordered, dropped, truncated or swapped chunks and files
 * all fail to decrypt.
 *
 * <p>The keys come from configuration (the environment) and are held only here; they are never
 * written anywhere. A manifest names its key by a key id, a one-way fingerprint, and by the
 * key's configured name ({@link BackupKeyRing}); new backups use the current key, reading uses the
 * key the manifest names. The file cipher, the manifest MAC and the key id each use a subkey of
 * their own ({@link BackupKeys}); the version byte of a file and {@code keyDerivation} in the
 * manifest say which scheme made them, so backups written before the subkeys still verify and
 * restore.
 */
@ApplicationScoped
public class BackupEncryption {

    static final String ALGORITHM = "AES-256-GCM";
    private static final byte[] MAGIC = "CDBK".getBytes(StandardCharsets.US_ASCII);
    private static final int PREFIX = 7;
    private static final int TAG_BITS = 128;
    private static final int TAG_BYTES = TAG_BITS / 8;
    static final int CHUNK = 256 * 1024;
    /** Created with the bean, at run time: a static one would be fixed into a native image. */
    private final SecureRandom random = new SecureRandom();
    private final BackupKeyRing keys;

    @Inject
    public BackupEncryption(BackupConfig config) {
        this(BackupKeyRing.configured(config.encryptionKey(), config.encryption().keys(),
                config.encryption().currentKey()));
    }

    /** For a replacement in tests: one unnamed key, or {@code null}: backups are not encrypted. */
    public BackupEncryption(byte[] rawKey) {
        this(rawKey == null ? BackupKeyRing.none() : BackupKeyRing.unnamed(rawKey));
    }

    BackupEncryption(BackupKeyRing keys) {
        this.keys = keys;
    }

    /** Whether new backups are encrypted. */
    public boolean enabled() {
        return keys.current().isPresent();
    }

    BackupKeyRing keys() {
        return keys;
    }

    /** What new backups name in their manifest: the cipher, the current key's fingerprint and name, the key derivation. */
    public Optional<Manifest.Encryption> manifestEntry() {
        return keys.current().map(k -> new Manifest.Encryption(ALGORITHM, k.keyId(Scheme.CURRENT),
                Scheme.CURRENT.keyDerivation, k.name()));
    }

    /** A fingerprint of the current key for new manifests: tells keys apart without revealing them. */
    public Optional<String> keyId() {
        return keys.current().map(k -> k.keyId(Scheme.CURRENT));
    }

    /** HMAC-SHA256 of a manifest under the MAC key of its scheme (never the file key), so it cannot be forged. */
    byte[] manifestMac(byte[] manifest, BackupKeys key, Scheme scheme) {
        return BackupKeys.hmac(key.macKey(scheme), manifest);
    }

    /** Encrypts a new file with the current key. */
    public OutputStream encrypt(OutputStream out, String fileIdentity) throws IOException {
        byte[] prefix = new byte[PREFIX];
        random.nextBytes(prefix);
        out.write(MAGIC);
        out.write(Scheme.CURRENT.fileVersion);
        out.write(prefix);
        return new Sealer(out, keys.current().orElseThrow().fileKey(Scheme.CURRENT), prefix, fileIdentity.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Opens a file of a backup with the key its manifest names.
     *
     * @throws BackupKeyRing.MissingKey when that key is not configured
     */
    public InputStream decrypt(InputStream in, String fileIdentity, String backupId, Manifest.Encryption encryption)
            throws IOException {
        BackupKeys key = keys.keyOf(backupId, encryption);
        DataInputStream data = new DataInputStream(in);
        byte[] header = new byte[MAGIC.length + 1 + PREFIX];
        try {
            data.readFully(header);
        } catch (EOFException e) {
            throw new IOException("encrypted file is truncated");
        }
        Optional<Scheme> scheme = Scheme.ofFileVersion(header[MAGIC.length]);
        if (!Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length) || scheme.isEmpty()) {
            throw new IOException("not an encrypted backup file of a known version");
        }
        // files written before the subkeys (version 1) were sealed with the configured key itself
        return new Opener(data, key.fileKey(scheme.get()), Arrays.copyOfRange(header, MAGIC.length + 1, header.length),
                fileIdentity.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] nonce(byte[] prefix, int counter, boolean last) {
        return ByteBuffer.allocate(12).put(prefix).putInt(counter).put((byte) (last ? 1 : 0)).array();
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] prefix, int counter, boolean last, byte[] aad)
            throws IOException {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce(prefix, counter, last)));
            cipher.updateAAD(aad);
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IOException("cipher setup failed", e);
        }
    }

    /** Buffers one chunk of plaintext, seals it when full; the last chunk (maybe empty) on close. */
    private static final class Sealer extends FilterOutputStream {
        private final SecretKey key;
        private final byte[] prefix;
        private final byte[] aad;
        private final byte[] buffer = new byte[CHUNK];
        private final byte[] sealed = new byte[CHUNK + TAG_BYTES];
        private int filled;
        private int counter;
        private boolean closed;

        Sealer(OutputStream out, SecretKey key, byte[] prefix, byte[] aad) {
            super(out);
            this.key = key;
            this.prefix = prefix;
            this.aad = aad;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (filled == CHUNK) {
                    seal(false);
                }
                int n = Math.min(len, CHUNK - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                off += n;
                len -= n;
            }
        }

        private void seal(boolean last) throws IOException {
            try {
                int length = cipher(Cipher.ENCRYPT_MODE, key, prefix, counter++, last, aad)
                        .doFinal(buffer, 0, filled, sealed, 0);
                out.write(ByteBuffer.allocate(4).putInt(length).array());
                out.write(sealed, 0, length);
                filled = 0;
            } catch (GeneralSecurityException e) {
                throw new IOException("encryption failed", e);
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush(); // a partial chunk is sealed only when full or at close
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                seal(true);
                out.close();
            }
        }
    }

    /** Opens chunk after chunk; a chunk is the last one when nothing follows it. */
    private static final class Opener extends InputStream {
        private final DataInputStream in;
        private final SecretKey key;
        private final byte[] prefix;
        private final byte[] aad;
        private final byte[] sealed = new byte[CHUNK + TAG_BYTES];
        private byte[] plain = new byte[0];
        private int position;
        private int counter;
        private boolean finished;
        private int pendingLength = -1;

        Opener(DataInputStream in, SecretKey key, byte[] prefix, byte[] aad) {
            this.in = in;
            this.key = key;
            this.prefix = prefix;
            this.aad = aad;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (position == plain.length) {
                if (finished) {
                    return -1;
                }
                openNext();
            }
            int n = Math.min(len, plain.length - position);
            System.arraycopy(plain, position, b, off, n);
            position += n;
            return n;
        }

        private void openNext() throws IOException {
            int length = pendingLength >= 0 ? pendingLength : readLength(true);
            if (length < TAG_BYTES || length > sealed.length) {
                throw new IOException("encrypted file is damaged (bad chunk length)");
            }
            try {
                in.readFully(sealed, 0, length);
            } catch (EOFException e) {
                throw new IOException("encrypted file is truncated");
            }
            pendingLength = readLength(false);
            boolean last = pendingLength < 0;
            try {
                plain = cipher(Cipher.DECRYPT_MODE, key, prefix, counter++, last, aad).doFinal(sealed, 0, length);
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot decrypt: wrong key, or the file was damaged, truncated or tampered with");
            }
            position = 0;
            finished = last;
        }

        /** The next chunk's length, or -1 at the end of the file. */
        private int readLength(boolean required) throws IOException {
            byte[] four = new byte[4];
            int got = in.readNBytes(four, 0, 4);
            if (got == 0 && !required) {
                return -1;
            }
            if (got < 4) {
                throw new IOException("encrypted file is truncated");
            }
            return ByteBuffer.wrap(four).getInt();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
