package io.careerdata.backup;

import io.careerdata.backup.storage.BackupStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The layers of a stored file: rows, gzip, optional encryption, and a SHA-256 and byte count of
 * what is stored. Writing and reading go through the same layers in opposite order.
 */
@ApplicationScoped
public class BackupFiles {

    private static final int BUFFER = 1 << 16;

    @Inject
    BackupEncryption encryption;

    @Inject
    BackupConfig config;

    /** A file being written; {@link #finish(long)} closes it and answers its manifest entry. */
    public final class Writer {
        private final String name;
        private final Measured stored;
        private final OutputStream rows;

        private Writer(BackupStorage.Draft draft, String backupId, String name) throws IOException {
            this.name = name;
            this.stored = new Measured(draft.write(name));
            OutputStream layer = encryption.enabled() ? encryption.encrypt(stored, backupId + "/" + name) : stored;
            int level = config.compressionLevel();
            this.rows = new GZIPOutputStream(layer, BUFFER) {
                {
                    def.setLevel(level);
                }
            };
        }

        public OutputStream rows() {
            return rows;
        }

        public Manifest.FileEntry finish(long rowCount) throws IOException {
            rows.close();
            return new Manifest.FileEntry(name, rowCount, stored.bytes, stored.hex());
        }
    }

    public Writer create(BackupStorage.Draft draft, String backupId, String name) throws IOException {
        return new Writer(draft, backupId, name);
    }

    public String extension() {
        return encryption.enabled() ? ".copy.gz.enc" : ".copy.gz";
    }

    /**
     * Opens a stored file for its rows. Closing the answer reads the stored file to its end and
     * throws when its size or SHA-256 differ from the manifest's: read the rows, then close, and
     * trust nothing before the close has passed.
     */
    public InputStream open(BackupStorage storage, Manifest manifest, Manifest.FileEntry file) throws IOException {
        Checked stored = new Checked(storage.open(manifest.id(), file.name()), file);
        try {
            InputStream layer = manifest.encryption() != null
                    ? encryption.decrypt(stored, manifest.id() + "/" + file.name(), manifest.id(), manifest.encryption())
                    : stored;
            return new GZIPInputStream(layer, BUFFER) {
                @Override
                public void close() throws IOException {
                    stored.verify();
                    super.close();
                }
            };
        } catch (IOException | RuntimeException e) {
            try {
                stored.verify(); // the checksum tells a damaged file from a wrong key
            } catch (IOException checksum) {
                e.addSuppressed(checksum);
            } finally {
                stored.close();
            }
            throw e;
        }
    }

    /** Reads a stored file once and compares its size and SHA-256 with the manifest. */
    public void checkStored(BackupStorage storage, Manifest manifest, Manifest.FileEntry file) throws IOException {
        try (Checked stored = new Checked(storage.open(manifest.id(), file.name()), file)) {
            stored.verify();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts and hashes what is written to the storage. */
    private static final class Measured extends FilterOutputStream {
        private final MessageDigest sha = sha256();
        private long bytes;

        Measured(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            sha.update((byte) b);
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            sha.update(b, off, len);
            bytes += len;
        }

        String hex() {
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    /** Counts and hashes what is read from the storage, and compares both with the manifest at the end. */
    private static final class Checked extends FilterInputStream {
        private final MessageDigest sha = sha256();
        private final Manifest.FileEntry expected;
        private long bytes;
        private boolean verified;

        Checked(InputStream in, Manifest.FileEntry expected) {
            super(in);
            this.expected = expected;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                sha.update((byte) b);
                bytes++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                sha.update(b, off, n);
                bytes += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return read(new byte[(int) Math.min(n, BUFFER)]); // every byte must be hashed
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        void verify() throws IOException {
            if (verified) {
                return;
            }
            try (InputStream rest = in) {
                byte[] buffer = new byte[BUFFER];
                while (read(buffer, 0, buffer.length) >= 0) {
                    // bytes after the compressed data count too
                }
            }
            verified = true;
            if (bytes != expected.bytes()) {
                throw new IOException("has " + bytes + " bytes, the manifest says " + expected.bytes());
            }
            if (!HexFormat.of().formatHex(sha.digest()).equals(expected.sha256())) {
                throw new IOException("does not match its SHA-256 in the manifest");
            }
        }
    }
}
