package io.careerdata.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.careerdata.common.StorableInput;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Arrays;

/**
 * The bytes of an entry in Redis. Three forms read; the first byte tells them apart:
 * <pre>
 *   plain, written before this format: stamp '\n' json          (a stamp starts with [0-9a-z-])
 *   PLAIN (0x01):                      0x01 stamp '\n' json
 *   LZ4   (0x02):                      0x02 stamp '\n' length(4 bytes, big-endian) lz4-block(json)
 * </pre>
 * An empty JSON part is a cached absence. The stamp stays uncompressed in front, so an entry of an
 * old generation is recognised without decompressing it. JSON longer than the threshold is
 * compressed and kept so when that makes it smaller. LZ4 runs at several hundred MB/s, so a value of
 * tens of KB costs tens of microseconds, which the event loop can afford: it is not moved to a worker.
 */
@Singleton
public class CacheEntryCodec {

    static final byte PLAIN = 0x01;
    static final byte LZ4 = 0x02;
    private static final byte STAMP_END = '\n';
    private static final int LENGTH_BYTES = 4;
    /** LZ4 cannot expand data more than about 255 times; a larger claimed length is corruption. */
    private static final int LZ4_MAX_RATIO = 255;
    private static final byte[] NO_JSON = new byte[0];

    /** What an entry holds for the stamp a reader expects. */
    enum Status {
        /** Stamped by another generation: not current, nothing wrong with it. */
        OTHER_GENERATION,
        /** Current: the value (null for a cached absence). */
        CURRENT,
        /** Bytes that do not decode (unknown header, broken compression, JSON of another shape). */
        UNREADABLE
    }

    record Decoded<T>(Status status, T value) {
    }

    private static final Decoded<?> OTHER = new Decoded<>(Status.OTHER_GENERATION, null);
    private static final Decoded<?> BROKEN = new Decoded<>(Status.UNREADABLE, null);

    /** The compressor keeps a hash table between calls, so each thread has its own. */
    private static final ThreadLocal<Lz4Compressor> COMPRESSOR = ThreadLocal.withInitial(Lz4Compressor::new);
    private static final Lz4Decompressor DECOMPRESSOR = new Lz4Decompressor();

    private final ObjectMapper mapper;
    /** Reads entries without the request-body checks: they hold what this service loaded from PostgreSQL. */
    private final ObjectReader reader;
    private final CacheEntryMetrics metrics;
    private final boolean compress;
    private final long threshold;

    @Inject
    CacheEntryCodec(ObjectMapper mapper, CacheEntryMetrics metrics, CacheConfig config) {
        this(mapper, metrics, config.compression().enabled(), config.compression().threshold().asLongValue());
    }

    CacheEntryCodec(ObjectMapper mapper, CacheEntryMetrics metrics, boolean compress, long threshold) {
        this.mapper = mapper;
        this.reader = StorableInput.readerOfOwnJson(mapper);
        this.metrics = metrics;
        this.compress = compress;
        this.threshold = threshold;
    }

    /** The entry to store for {@code value} (null: the record does not exist) under {@code stamp}. */
    byte[] encode(CacheCategory category, String stamp, Object value) throws JsonProcessingException {
        byte[] json = value == null ? NO_JSON : mapper.writeValueAsBytes(value);
        int bodyAt = 1 + stamp.length() + 1;
        byte[] entry = compress && json.length > threshold ? compressed(json, bodyAt) : null;
        if (entry == null) {
            entry = new byte[bodyAt + json.length];
            entry[0] = PLAIN;
            System.arraycopy(json, 0, entry, bodyAt, json.length);
        }
        for (int i = 0; i < stamp.length(); i++) {
            entry[1 + i] = (byte) stamp.charAt(i); // stamps are ASCII: base 36 digits, '-' and '.'
        }
        entry[bodyAt - 1] = STAMP_END;
        metrics.written(category, bodyAt - 1L + json.length, entry.length);
        return entry;
    }

    /** The LZ4 form with room for header and stamp before {@code bodyAt}; null when it is not smaller. */
    private static byte[] compressed(byte[] json, int bodyAt) {
        Lz4Compressor compressor = COMPRESSOR.get();
        int blockAt = bodyAt + LENGTH_BYTES;
        byte[] out = new byte[blockAt + compressor.maxCompressedLength(json.length)];
        int size = compressor.compress(json, 0, json.length, out, blockAt, out.length - blockAt);
        if (LENGTH_BYTES + size >= json.length) {
            return null;
        }
        out[0] = LZ4;
        out[bodyAt] = (byte) (json.length >>> 24);
        out[bodyAt + 1] = (byte) (json.length >>> 16);
        out[bodyAt + 2] = (byte) (json.length >>> 8);
        out[bodyAt + 3] = (byte) json.length;
        return Arrays.copyOf(out, blockAt + size);
    }

    /** Reads an entry as of {@code stamp}; never throws for bad bytes (they answer UNREADABLE). */
    <T> Decoded<T> decode(CacheCategory category, byte[] entry, String stamp, JavaType type) {
        Decoded<T> decoded = read(entry, stamp, type);
        if (decoded.status() == Status.UNREADABLE) {
            metrics.decodeFailed(category);
        }
        return decoded;
    }

    @SuppressWarnings("unchecked")
    private <T> Decoded<T> read(byte[] entry, String stamp, JavaType type) {
        if (entry.length == 0) {
            return (Decoded<T>) BROKEN;
        }
        byte head = entry[0];
        int stampAt;
        if (head == PLAIN || head == LZ4) {
            stampAt = 1;
        } else if (startsLikeAStamp(head)) {
            stampAt = 0;
        } else {
            return (Decoded<T>) BROKEN;
        }
        if (!stamped(entry, stampAt, stamp)) {
            return (Decoded<T>) OTHER;
        }
        int bodyAt = stampAt + stamp.length() + 1;
        try {
            if (head == LZ4) {
                byte[] json = decompressed(entry, bodyAt);
                return new Decoded<>(Status.CURRENT, reader.forType(type).readValue(json));
            }
            if (bodyAt == entry.length) {
                return new Decoded<>(Status.CURRENT, null); // cached absence
            }
            return new Decoded<>(Status.CURRENT, reader.forType(type).readValue(entry, bodyAt, entry.length - bodyAt));
        } catch (IOException | RuntimeException e) {
            return (Decoded<T>) BROKEN;
        }
    }

    private static byte[] decompressed(byte[] entry, int bodyAt) throws IOException {
        int blockAt = bodyAt + LENGTH_BYTES;
        if (blockAt >= entry.length) {
            throw new IOException("compressed entry without a block");
        }
        int length = (entry[bodyAt] & 0xff) << 24 | (entry[bodyAt + 1] & 0xff) << 16
                | (entry[bodyAt + 2] & 0xff) << 8 | (entry[bodyAt + 3] & 0xff);
        long block = entry.length - blockAt;
        if (length <= 0 || length > block * LZ4_MAX_RATIO) {
            throw new IOException("compressed entry claims " + length + " bytes");
        }
        byte[] json = new byte[length];
        int written = DECOMPRESSOR.decompress(entry, blockAt, (int) block, json, 0, length);
        if (written != length) {
            throw new IOException("compressed entry decompressed to " + written + " of " + length + " bytes");
        }
        return json;
    }

    private static boolean stamped(byte[] entry, int at, String stamp) {
        int end = at + stamp.length();
        if (entry.length <= end || entry[end] != STAMP_END) {
            return false;
        }
        for (int i = 0; i < stamp.length(); i++) {
            if (entry[at + i] != stamp.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The first character of a generation token: a base 36 digit or the sign of a negative one. */
    private static boolean startsLikeAStamp(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || b == '-';
    }
}
