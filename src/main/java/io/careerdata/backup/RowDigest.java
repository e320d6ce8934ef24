package io.careerdata.backup;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * An order-independent digest of a table's rows: each row (its COPY text line without the newline)
 * is hashed to 128 bits, and the hashes are added up, so a table read back after a restore, in
 * whatever order, gives the same digest as the table that was backed up.
 *
 * <p>It detects accidental differences (a lost, doubled or altered row), not forgery: tampering
 * with a backup is caught by the SHA-256 of its files and the manifest's checksum or HMAC. The row
 * hash is built from two hardware-assisted CRCs and a 64-bit mixer, because a cryptographic hash
 * per row would cost more than compressing the row.
 */
final class RowDigest {

    private final CRC32C crc32c = new CRC32C();
    private final CRC32 crc32 = new CRC32();
    private long high;
    private long low;
    private long rows;
    private boolean partial;

    void add(byte[] row, int offset, int length) {
        update(row, offset, length);
        endRow();
    }

    /** Part of a row that arrives in pieces; {@link #endRow()} closes it. */
    void update(byte[] bytes, int offset, int length) {
        crc32c.update(bytes, offset, length);
        crc32.update(bytes, offset, length);
    }

    void endRow() {
        long hash = crc32c.getValue() << 32 | crc32.getValue();
        crc32c.reset();
        crc32.reset();
        low += mix(hash);
        high += mix(hash ^ 0x9e3779b97f4a7c15L);
        rows++;
    }

    /** Reads text lines from a stream: every byte up to each newline is one row. */
    void addLines(InputStream in) throws IOException {
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) > 0) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    add(buffer, start, i - start);
                    start = i + 1;
                }
            }
            update(buffer, start, n - start);
            partial = start < n;
        }
    }

    /** True when the last line read had no newline: the file was cut. */
    boolean endsInsideRow() {
        return partial;
    }

    long rows() {
        return rows;
    }

    String value() {
        return String.format("%016x%016x", high, low);
    }

    /** A 64-bit finalizer (as in SplitMix64): spreads every input bit over the whole output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
