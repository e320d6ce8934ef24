package io.careerdata.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerdata.common.StorableInput;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The entry format's edges, byte by byte (no Redis involved: {@link CacheCompressionTest} stores them). */
class CacheEntryCodecTest {

    private static final CacheCategory CATEGORY = CacheCategory.AI_RESPONSE;
    private static final String STAMP = "k2x9.-3fq0";

    private final ObjectMapper mapper = new ObjectMapper();
    private final JavaType text = mapper.constructType(String.class);
    private final CacheEntryMetrics metrics = new CacheEntryMetrics(new SimpleMeterRegistry());
    private final CacheEntryCodec codec = new CacheEntryCodec(mapper, metrics, true, 1024);

    @Test
    void decode_skipsTheRequestBodyChecks_ofAMapperThatHasThem() throws Exception {
        // the service's own mapper carries StorableInput; an entry holds what PostgreSQL gave the service
        ObjectMapper checking = new ObjectMapper();
        new StorableInput(() -> new MemorySize(BigInteger.valueOf(64))).customize(checking);
        CacheEntryCodec own = new CacheEntryCodec(checking, metrics, true, 1024);
        Map<String, Object> document = Map.of("note", "a\u0000b", "tags", List.of("x".repeat(100)));
        JavaType type = checking.constructType(Map.class);
        assertThatThrownBy(() -> checking.readValue(checking.writeValueAsBytes(document), type))
                .isInstanceOf(StorableInput.Rejected.class);

        CacheEntryCodec.Decoded<Object> decoded = own.decode(CATEGORY, own.encode(CATEGORY, STAMP, document), STAMP, type);

        assertThat(decoded.status()).isEqualTo(CacheEntryCodec.Status.CURRENT);
        assertThat(decoded.value()).isEqualTo(document);
    }

    @Test
    void threshold_jsonOfExactlyTheThresholdStaysPlain_oneByteMoreIsCompressed() throws Exception {
        String atThreshold = "a".repeat(1022); // with its quotes: 1024 bytes of JSON
        String above = "a".repeat(1023);

        assertThat(codec.encode(CATEGORY, STAMP, atThreshold)[0]).isEqualTo(CacheEntryCodec.PLAIN);
        byte[] compressed = codec.encode(CATEGORY, STAMP, above);
        assertThat(compressed[0]).isEqualTo(CacheEntryCodec.LZ4);
        assertThat(compressed.length).isLessThan(100);
        assertThat(decode(compressed, STAMP).value()).isEqualTo(above);
    }

    @Test
    void roundTrip_largeText_compressesAndReadsBack() throws Exception {
        String prose = CacheCompressionTest.prose(20_000, 7);
        byte[] entry = codec.encode(CATEGORY, STAMP, prose);

        assertThat(entry[0]).isEqualTo(CacheEntryCodec.LZ4);
        assertThat(entry.length).isLessThan(prose.length() / 2);
        assertThat(decode(entry, STAMP)).isEqualTo(new CacheEntryCodec.Decoded<>(CacheEntryCodec.Status.CURRENT, prose));
        CacheEntryMetrics.Sizes sizes = metrics.sizes(CATEGORY);
        assertThat(sizes.rawBytes()).isEqualTo(STAMP.length() + 1 + prose.length() + 2);
        assertThat(sizes.storedBytes()).isEqualTo(entry.length);
    }

    @Test
    void incompressibleValue_isStoredPlain() throws Exception {
        byte[] noise = new byte[6000];
        new Random(3).nextBytes(noise);
        String random = Base64.getEncoder().encodeToString(noise);

        byte[] entry = codec.encode(CATEGORY, STAMP, random);

        assertThat(entry[0]).isEqualTo(CacheEntryCodec.PLAIN);
        assertThat(decode(entry, STAMP).value()).isEqualTo(random);
    }

    @Test
    void compressionOff_storesLargeValuesPlain_andStillReadsCompressedOnes() throws Exception {
        CacheEntryCodec off = new CacheEntryCodec(mapper, metrics, false, 1024);
        String prose = CacheCompressionTest.prose(5_000, 1);

        byte[] plain = off.encode(CATEGORY, STAMP, prose);

        assertThat(plain[0]).isEqualTo(CacheEntryCodec.PLAIN);
        assertThat(plain.length).isEqualTo(1 + STAMP.length() + 1 + prose.length() + 2);
        assertThat(off.decode(CATEGORY, codec.encode(CATEGORY, STAMP, prose), STAMP, text).value()).isEqualTo(prose);
    }

    @Test
    void cachedAbsence_roundTrips() throws Exception {
        byte[] entry = codec.encode(CATEGORY, STAMP, null);

        assertThat(entry).isEqualTo(("\u0001" + STAMP + "\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(decode(entry, STAMP)).isEqualTo(new CacheEntryCodec.Decoded<>(CacheEntryCodec.Status.CURRENT, null));
    }

    @Test
    void otherStamp_isAnotherGeneration_evenWhenOneIsAPrefixOfTheOther() throws Exception {
        byte[] entry = codec.encode(CATEGORY, STAMP, CacheCompressionTest.prose(3_000, 2));

        assertThat(decode(entry, "k2x9.-3fq1").status()).isEqualTo(CacheEntryCodec.Status.OTHER_GENERATION);
        assertThat(decode(entry, "k2x9.-3fq").status()).isEqualTo(CacheEntryCodec.Status.OTHER_GENERATION);
        assertThat(decode(entry, STAMP + "0").status()).isEqualTo(CacheEntryCodec.Status.OTHER_GENERATION);
        assertThat(metrics.sizes(CATEGORY).decodeFailures()).isZero();
    }

    @Test
    void entryWithoutHeader_fromBeforeTheFormat_reads() {
        byte[] old = (STAMP + "\n\"written as JSON\"").getBytes(StandardCharsets.UTF_8);
        byte[] oldAbsence = (STAMP + "\n").getBytes(StandardCharsets.UTF_8);

        assertThat(decode(old, STAMP).value()).isEqualTo("written as JSON");
        assertThat(decode(oldAbsence, STAMP)).isEqualTo(new CacheEntryCodec.Decoded<>(CacheEntryCodec.Status.CURRENT, null));
        assertThat(decode(old, "zz").status()).isEqualTo(CacheEntryCodec.Status.OTHER_GENERATION);
    }

    @Test
    void brokenEntries_areUnreadable_neverAnException() throws Exception {
        byte[] compressed = codec.encode(CATEGORY, STAMP, CacheCompressionTest.prose(8_000, 4));
        byte[] truncated = Arrays.copyOf(compressed, compressed.length - 10);
        byte[] noBlock = Arrays.copyOf(compressed, 1 + STAMP.length() + 1 + 4);
        byte[] flipped = compressed.clone();
        for (int i = 1 + STAMP.length() + 1 + 4; i < flipped.length; i += 7) {
            flipped[i] ^= 0x5a;
        }
        byte[] wrongShape = codec.encode(CATEGORY, STAMP, java.util.List.of(1, 2, 3));
        byte[] unknownHeader = ("\u0003" + STAMP + "\n\"x\"").getBytes(StandardCharsets.US_ASCII);

        for (byte[] bad : new byte[][] {truncated, noBlock, flipped, wrongShape, unknownHeader, new byte[0]}) {
            CacheEntryCodec.Decoded<String> decoded = decode(bad, STAMP);
            assertThat(decoded.status()).isEqualTo(CacheEntryCodec.Status.UNREADABLE);
        }
        assertThat(metrics.sizes(CATEGORY).decodeFailures()).isEqualTo(6);
    }

    private CacheEntryCodec.Decoded<String> decode(byte[] entry, String stamp) {
        return codec.decode(CATEGORY, entry, stamp, text);
    }
}
