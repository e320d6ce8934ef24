package io.careerdata.backup;

import static io.careerdata.backup.BackupFixtures.BACKUPS;
import static io.careerdata.backup.BackupFixtures.count;
import static io.careerdata.backup.BackupFixtures.exec;
import static io.careerdata.backup.BackupFixtures.restore;
import static io.careerdata.backup.BackupFixtures.runJob;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A backup taken while writers run restores a state that existed. Each write adds a skill to a user
 * and, in the same transaction, counts it in the user's headline; users are read before skills, and
 * a bulk table between them keeps the backup busy, so a backup that read the tables at different
 * moments would restore users whose count and skills disagree.
 */
@QuarkusTest
class BackupConsistencyTest {

    private static final int USERS = 8;
    private static final int WRITERS = 3;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldRestoreAStateThatExistedWhenWritesRanDuringTheBackup() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<UUID> users = new ArrayList<>();
        UUID bulkOwner = UUID.randomUUID();
        for (int i = 0; i < USERS; i++) {
            users.add(UUID.randomUUID());
            exec(dataSource, "INSERT INTO users (id, email, full_name, headline) VALUES ('" + users.get(i) + "', 'w" + i
                    + "-" + tag + "@example.org', 'Writer " + i + "', '0')");
        }
        exec(dataSource, "INSERT INTO users (id, email, full_name) VALUES ('" + bulkOwner + "', 'bulk-" + tag
                + "@example.org', 'Bulk')",
                "INSERT INTO networking_contacts (id, user_id, name, notes) SELECT gen_random_uuid(), '" + bulkOwner
                        + "', 'contact ' || g, repeat('n', 200) FROM generate_series(1, 150000) g");

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger committed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int seed = w;
            writers.add(pool.submit(() -> write(users, seed, stop, committed)));
        }
        try {
            while (committed.get() < 30) {
                Thread.sleep(5);
            }
            JsonPath job = runJob(BACKUPS + "?type=full");
            assertThat(job.getString("state")).as(job.getString("error")).isEqualTo("succeeded");
            int afterBackup = committed.get();
            while (committed.get() < afterBackup + 10) {
                Thread.sleep(5);
            }
            stop.set(true);
            for (Future<?> writer : writers) {
                writer.get(30, TimeUnit.SECONDS);
            }

            JsonPath restored = restore(job.getString("backupId"));
            assertThat(restored.getString("state")).as(restored.getString("error")).isEqualTo("succeeded");

            long restoredWrites = 0;
            for (UUID user : users) {
                long skills = count(dataSource, "SELECT count(*) FROM skills WHERE user_id = ?", user);
                long counted = count(dataSource, "SELECT headline::bigint FROM users WHERE id = ?", user);
                assertThat(skills).as("skills of %s against the count written with them", user).isEqualTo(counted);
                restoredWrites += skills;
            }
            // the backup fell between writes: some of them are in it, the later ones are not
            assertThat(restoredWrites).isGreaterThanOrEqualTo(30).isLessThan(committed.get());
        } finally {
            stop.set(true);
            pool.shutdownNow();
            exec(dataSource, "DELETE FROM users WHERE id = '" + bulkOwner + "'");
        }
    }

    private static Void write(List<UUID> users, int seed, AtomicBoolean stop, AtomicInteger committed)
            throws SQLException {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String user = ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            c.setAutoCommit(false);
            try (PreparedStatement skill = c.prepareStatement("INSERT INTO skills (id, user_id, name) VALUES (?, ?, ?)");
                    PreparedStatement counter = c.prepareStatement(
                            "UPDATE users SET headline = (headline::int + 1)::text WHERE id = ?")) {
                int n = 0;
                while (!stop.get()) {
                    UUID owner = users.get((seed + n) % users.size());
                    skill.setObject(1, UUID.randomUUID());
                    skill.setObject(2, owner);
                    skill.setString(3, "skill " + seed + "-" + n++);
                    skill.executeUpdate();
                    counter.setObject(1, owner);
                    counter.executeUpdate();
                    c.commit();
                    committed.incrementAndGet();
                }
            }
        }
        return null;
    }
}
