package io.careerdata.cache;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.careerdata.testing.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How entries are stored in the real Redis: large ones LZ4-compressed, small ones plain, old ones still read. */
@QuarkusTest
class CacheCompressionTest extends CacheTestSupport {

    /** A cached document, such as a posting with a long description. */
    public record Doc(String title, String body) {
    }

    @Inject
    CacheEntryMetrics entryMetrics;


    @Test
    void largeValue_isStoredCompressedAndReadsBack() throws Exception {
        Doc doc = new Doc("Staff engineer", prose(20_000, 1));
        AtomicInteger loads = new AtomicInteger();
        CachedRead<Doc> read = posting(loads, doc);
        int json = mapper.writeValueAsBytes(doc).length;
        CacheCounter counter = CacheCounter.of(metrics, CacheCategory.JOB_POSTINGS);
        CacheEntryMetrics.Sizes before = entryMetrics.sizes(CacheCategory.JOB_POSTINGS);

        assertThat(get(read)).isEqualTo(doc);
        byte[] stored = redis.value(byte[].class).get(keys.entry(read.key()));
        String stamp = stampOf(read.key());

        assertThat(stored[0]).isEqualTo(CacheEntryCodec.LZ4);
        assertThat(new String(stored, 1, stamp.length() + 1, StandardCharsets.US_ASCII)).isEqualTo(stamp + "\n");
        assertThat(stored.length).isLessThan(json / 2);
        CacheEntryMetrics.Sizes after = entryMetrics.sizes(CacheCategory.JOB_POSTINGS);
        assertThat(after.rawBytes() - before.rawBytes()).isEqualTo(stamp.length() + 1 + json);
        assertThat(after.storedBytes() - before.storedBytes()).isEqualTo(stored.length);

        assertThat(get(read)).isEqualTo(doc);
        counter.assertHitsMisses(1, 1);
        assertThat(loads).hasValue(1);
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("cache_bytes_raw_total{cache=\"job-postings\"")
                .contains("cache_bytes_stored_total{cache=\"job-postings\"");
    }

    @Test
    void smallValue_isStoredPlainBehindTheHeader() throws Exception {
        Doc doc = new Doc("Barista", "Short shifts, good coffee.");
        AtomicInteger loads = new AtomicInteger();
        CachedRead<Doc> read = posting(loads, doc);
        CacheCounter counter = CacheCounter.of(metrics, CacheCategory.JOB_POSTINGS);
        CacheEntryMetrics.Sizes before = entryMetrics.sizes(CacheCategory.JOB_POSTINGS);

        assertThat(get(read)).isEqualTo(doc);
        byte[] stored = redis.value(byte[].class).get(keys.entry(read.key()));

        assertThat(stored[0]).isEqualTo(CacheEntryCodec.PLAIN);
        assertThat(new String(stored, 1, stored.length - 1, StandardCharsets.UTF_8))
                .isEqualTo(stampOf(read.key()) + "\n" + mapper.writeValueAsString(doc));
        CacheEntryMetrics.Sizes after = entryMetrics.sizes(CacheCategory.JOB_POSTINGS);
        assertThat(after.storedBytes() - before.storedBytes()).isEqualTo(stored.length);
        assertThat(after.rawBytes() - before.rawBytes()).isEqualTo(stored.length - 1); // only the header is added
        assertThat(get(read)).isEqualTo(doc);
        counter.assertHitsMisses(1, 1);
    }

    @Test
    void plainEntryWithoutHeader_asWrittenBefore_readsAsAHit() throws Exception {
        Doc doc = new Doc("Data engineer", prose(5_000, 2)); // large, yet written plain, as all entries were
        AtomicInteger loads = new AtomicInteger();
        CachedRead<Doc> read = posting(loads, new Doc("from the database", ""));
        String stamp = prepareGenerations(read.key());
        redis.value(String.class).set(keys.entry(read.key()), stamp + "\n" + mapper.writeValueAsString(doc));
        CacheCounter counter = CacheCounter.of(metrics, CacheCategory.JOB_POSTINGS);

        assertThat(get(read)).isEqualTo(doc);
        assertThat(get(read)).isEqualTo(doc);

        counter.assertHitsMisses(2, 0);
        assertThat(loads).hasValue(0);
    }

    @Test
    void corruptEntries_areMissesThatLoadAndReplaceThem() throws Exception {
        for (int variant = 0; variant < 4; variant++) {
            Doc fresh = new Doc("loaded " + variant, "from PostgreSQL");
            AtomicInteger loads = new AtomicInteger();
            CachedRead<Doc> read = posting(loads, fresh);
            String stamp = prepareGenerations(read.key());
            byte[] bytes = corruptEntry(variant, stamp);
            redis.value(byte[].class).set(keys.entry(read.key()), bytes);
            CacheCounter counter = CacheCounter.of(metrics, CacheCategory.JOB_POSTINGS);
            long failures = entryMetrics.sizes(CacheCategory.JOB_POSTINGS).decodeFailures();

            assertThat(get(read)).as("variant %d", variant).isEqualTo(fresh);
            assertThat(get(read)).as("variant %d", variant).isEqualTo(fresh);

            counter.assertHitsMisses(1, 1);
            assertThat(loads).hasValue(1);
            assertThat(entryMetrics.sizes(CacheCategory.JOB_POSTINGS).decodeFailures()).isGreaterThan(failures);
            assertThat(redis.value(byte[].class).get(keys.entry(read.key()))[0]).isEqualTo(CacheEntryCodec.PLAIN);
        }
    }

    @Test
    void corruptEntry_isDeletedEvenWhenTheLoadFails() {
        CachedRead<Doc> read = new CachedRead<>(CacheKey.ofEntity(CacheCategory.JOB_POSTINGS, UUID.randomUUID()),
                mapper.constructType(Doc.class),
                () -> Uni.createFrom().failure(new IllegalStateException("database down")));
        String stamp = prepareGenerations(read.key());
        String entry = keys.entry(read.key());
        redis.value(byte[].class).set(entry, corruptEntry(0, stamp));

        assertThatThrownBy(() -> get(read)).hasMessageContaining("database down");
        Eventually.within(Duration.ofSeconds(10), () -> assertThat(redis.key().exists(entry)).isFalse());
    }

    /** Bytes that carry the current stamp but do not decode, in four ways. */
    private byte[] corruptEntry(int variant, String stamp) {
        byte[] prefix = (stamp + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = switch (variant) {
            case 0 -> new byte[] {0, 0, 0, 40, 1, 2, 3, 4, 5, 6, 7, 8, 9}; // a broken LZ4 block
            case 1 -> new byte[] {0x7f, 0x7f, 0x7f, 0x7f, 0, 1}; // a length no block of 2 bytes can hold
            case 2 -> "{\"title\": [1, 2".getBytes(StandardCharsets.UTF_8); // truncated JSON
            default -> "{\"x\":1}".getBytes(StandardCharsets.UTF_8); // a header no version wrote
        };
        byte header = variant < 2 ? CacheEntryCodec.LZ4 : variant == 2 ? CacheEntryCodec.PLAIN : 0x7e;
        byte[] entry = new byte[1 + prefix.length + body.length];
        entry[0] = header;
        System.arraycopy(prefix, 0, entry, 1, prefix.length);
        System.arraycopy(body, 0, entry, 1 + prefix.length, body.length);
        return entry;
    }

    /** Text of about {@code length} characters from a small vocabulary, as a description is. */
    static String prose(int length, long seed) {
        String[] words = ("we build the platform that helps people find work they love our team owns services "
                + "in java and kotlin runs them on kubernetes and measures what matters you will design apis "
                + "review code mentor engineers and care about latency reliability security and data quality "
                + "experience with postgresql redis kafka observability and cloud infrastructure is a plus")
                .split(" ");
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(length + 16);
        while (text.length() < length) {
            text.append(words[random.nextInt(words.length)]).append(random.nextInt(12) == 0 ? ". " : " ");
        }
        return text.toString();
    }

    private String stampOf(CacheKey key) {
        List<String> tokens = new ArrayList<>();
        keys.generations(key).forEach(generation -> tokens.add(redis.value(String.class).get(generation)));
        return String.join(".", tokens);
    }

    private CachedRead<Doc> posting(AtomicInteger loads, Doc value) {
        return new CachedRead<>(CacheKey.ofEntity(CacheCategory.JOB_POSTINGS, UUID.randomUUID()),
                mapper.constructType(Doc.class), () -> {
                    loads.incrementAndGet();
                    return Uni.createFrom().item(value);
                });
    }
}
