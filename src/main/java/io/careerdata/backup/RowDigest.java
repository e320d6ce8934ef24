package io.careerdata.backup;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * An order-independent digest of a table's rows: the sum, modulo 2^128, of the first 128 bits of
 * each row's SHA-256. Rows are their COPY text lines (without the newline), so a table read back
 * after a restore, in whatever order, gives the same digest as the table that was backed up.
 */
final class RowDigest {

    private final MessageDigest sha;
    private long high;
    private long low;
    private long rows;
    private boolean partial;

    RowDigest() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void add(byte[] row, int offset, int length) {
        sha.update(row, offset, length);
        endRow();
    }

    /** Part of a row that arrives in pieces; {@link #endRow()} closes it. */
    void update(byte[] bytes, int offset, int length) {
        sha.update(bytes, offset, length);
    }

    /** Reads text lines from a stream: every byte up to each newline is one row. Answers the bytes read. */
    long addLines(java.io.InputStream in) throws java.io.IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    update(buffer, start, i - start);
                    endRow();
                    start = i + 1;
                }
            }
            update(buffer, start, n - start);
            partial = start < n;
        }
        return total;
    }

    void endRow() {
        ByteBuffer hash = ByteBuffer.wrap(sha.digest());
        long h = hash.getLong();
        long l = hash.getLong();
        long sum = low + l;
        // carry from the low into the high half
        high += h + (Long.compareUnsigned(sum, low) < 0 ? 1 : 0);
        low = sum;
        rows++;
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
}
