package io.careerdata.backup;

import static io.careerdata.backup.BackupFixtures.backup;
import static io.careerdata.backup.BackupFixtures.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BackupRetentionTest {

    @Inject
    BackupRetention retention;

    @Inject
    BackupRepository repository;

    @Inject
    AgroalDataSource dataSource;

    /** The rules alone, on made-up backups: f = full, i = incremental on the one before. */
    @Nested
    class Rules {

        private final Instant now = Instant.parse("2025-06-30T00:00:00Z");

        @Test
        void shouldDeleteWhatEitherLimitLetsGo() {
            List<Manifest> backups = chain("f0 i1 i2 f3 i4 f5 i6", 10); // one every 10 days, newest last
            // max age 25 days keeps f5 i6 and i4 (day -20 after the newest); i4 keeps its base f3
            assertThat(delete(backups, Duration.ofDays(25), 50, Set.of())).containsExactly("i2", "i1", "f0");
            // count 2 keeps i6 f5
            assertThat(delete(backups, Duration.ofDays(365), 2, Set.of())).containsExactly("i4", "f3", "i2", "i1", "f0");
        }

        @Test
        void shouldKeepTheBasesOfAKeptIncrementalWhateverTheLimits() {
            List<Manifest> backups = chain("f0 i1 i2 i3", 10);
            // only i3 is within both limits: its whole chain stays
            assertThat(delete(backups, Duration.ofDays(5), 1, Set.of())).isEmpty();
        }

        @Test
        void shouldKeepTheNewestVerifiedFullWhenBothLimitsWouldDeleteIt() {
            List<Manifest> backups = chain("f0 i1 f2 i3 f4", 10);
            // f4 failed its verification (not verified), f2 passed: f2 stays though older than the limits
            assertThat(delete(backups, Duration.ofDays(1), 1, Set.of("f2"))).containsExactly("i3", "i1", "f0");
            // no full has passed a verification: the newest full stays
            assertThat(delete(backups, Duration.ofDays(1), 0, Set.of())).containsExactly("i3", "f2", "i1", "f0");
        }

        private List<String> delete(List<Manifest> oldestFirst, Duration maxAge, int maxCount, Set<String> verified) {
            List<Manifest> newestFirst = new ArrayList<>(oldestFirst);
            java.util.Collections.reverse(newestFirst);
            return RetentionPolicy.toDelete(newestFirst, verified::contains, now, maxAge, maxCount);
        }

        /** Backups named as given, {@code spacingDays} apart, the last one made now. */
        private List<Manifest> chain(String names, int spacingDays) {
            String[] ids = names.split(" ");
            List<Manifest> backups = new ArrayList<>();
            for (int i = 0; i < ids.length; i++) {
                boolean full = ids[i].startsWith("f");
                String base = full ? null : ids[i - 1];
                Instant created = now.minus(Duration.ofDays((long) (ids.length - 1 - i) * spacingDays));
                backups.add(new Manifest(1, ids[i], full ? BackupType.FULL : BackupType.INCREMENTAL, base, null, created,
                        "1", "test", null, "1:1:", "gzip", null, List.of(), null, null));
            }
            return backups;
        }
    }

    @Test
    void shouldApplyRetentionToStoredBackupsWithoutBreakingAChain() throws Exception {
        Instant start = Instant.now();
        String oldFull = backup("full");
        String oldIncremental = backup("incremental");
        String full = backup("full");
        String first = backup("incremental");
        String second = backup("incremental");

        // keep only the newest backup: its chain (full, first, second) stays, the older chain goes
        BackupRetention.RetentionResult result = retention.retention(Instant.now(), Duration.ofDays(30), 1);

        assertThat(result.deleted()).contains(oldIncremental, oldFull).doesNotContain(full, first, second);
        assertThat(result.deleted().indexOf(oldIncremental)).isLessThan(result.deleted().indexOf(oldFull));
        assertThat(repository.all().stream().filter(m -> !m.createdAt().isBefore(start)).map(Manifest::id))
                .containsExactly(second, first, full);
        assertThat(count(dataSource, "SELECT count(*) FROM audit_log WHERE action = 'backup.delete' AND actor = 'scheduler'"
                + " AND target_id = ?", oldFull)).isEqualTo(1);
        // the chain left is whole: the newest can still be restored
        assertThat(repository.chain(repository.manifest(second).orElseThrow()).stream().map(Manifest::id))
                .containsExactly(full, first, second);
    }
}
