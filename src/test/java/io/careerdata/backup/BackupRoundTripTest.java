package io.careerdata.backup;

import static io.careerdata.backup.BackupFixtures.BACKUPS;
import static io.careerdata.backup.BackupFixtures.DOMAIN_TABLES;
import static io.careerdata.backup.BackupFixtures.backup;
import static io.careerdata.backup.BackupFixtures.count;
import static io.careerdata.backup.BackupFixtures.exec;
import static io.careerdata.backup.BackupFixtures.restore;
import static io.careerdata.backup.BackupFixtures.seedEveryTable;
import static io.careerdata.backup.BackupFixtures.snapshot;
import static io.careerdata.testing.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BackupRoundTripTest {

    @Inject
    AgroalDataSource dataSource;


    @Test
    void shouldRestoreEveryRowOfEveryTableAfterChangesAndDeletions() throws Exception {
        UUID user = seedEveryTable(dataSource);
        seedEveryTable(dataSource);
        Map<String, List<String>> before = snapshot(dataSource);
        assertThat(before.keySet()).containsAll(DOMAIN_TABLES);
        DOMAIN_TABLES.forEach(table -> assertThat(before.get(table)).as(table).isNotEmpty());

        String id = backup("full");

        exec(dataSource, "UPDATE users SET full_name = 'changed', preferences = '{}' WHERE id = '" + user + "'");
        // read through the cache, which now holds the changed profile
        asAdmin().get("/api/v1/users/{id}", user).then().statusCode(200).body("fullName", equalTo("changed"));
        exec(dataSource,
                "DELETE FROM users WHERE id = '" + user + "'", // cascades into every table of the user
                "UPDATE job_postings SET salary_max = salary_max + 1",
                "DELETE FROM audit_log WHERE actor = 'seed'",
                "INSERT INTO users (id, email, full_name) VALUES ('" + UUID.randomUUID() + "', 'new-" + UUID.randomUUID()
                        + "@example.org', 'Added after the backup')");
        assertThat(snapshot(dataSource)).isNotEqualTo(before);

        JsonPath job = restore(id);

        assertThat(job.getString("state")).as(job.getString("error")).isEqualTo("succeeded");
        assertThat(snapshot(dataSource)).isEqualTo(before);
        assertThat(job.getBoolean("result.cacheCleared")).isTrue();
        // the cache serves the restored profile, not the one it held from before the restore
        asAdmin().get("/api/v1/users/{id}", user).then().statusCode(200).body("fullName", startsWith("Zoë"));
        assertThat(count(dataSource, "SELECT count(*) FROM audit_log WHERE action = 'backup.restore' AND target_id = ?", id))
                .isEqualTo(1);
        // identity columns go on after the highest restored value
        exec(dataSource, "INSERT INTO audit_log (actor, action, target_type) VALUES ('test', 'after-restore', 'test')");
    }

    @Test
    void shouldRestoreAnIncrementalChainToTheStateOfEachLink() throws Exception {
        UUID doomed = seedEveryTable(dataSource);
        UUID kept = seedEveryTable(dataSource);
        String full = backup("full");

        exec(dataSource,
                "UPDATE users SET headline = 'first change' WHERE id = '" + kept + "'",
                "DELETE FROM skills WHERE user_id = '" + kept + "' AND level = 'beginner'",
                "DELETE FROM users WHERE id = '" + doomed + "'",
                "INSERT INTO skills (id, user_id, name) VALUES ('" + UUID.randomUUID() + "', '" + kept + "', 'Added 1')");
        Map<String, List<String>> afterFirst = snapshot(dataSource);
        String first = backup("incremental");

        UUID reinserted = UUID.randomUUID();
        exec(dataSource,
                "UPDATE users SET headline = 'second change', active = false WHERE id = '" + kept + "'",
                "DELETE FROM skills WHERE name = 'Added 1'",
                // a key deleted and inserted again between two backups
                "INSERT INTO networking_contacts (id, user_id, name) VALUES ('" + reinserted + "', '" + kept + "', 'Once')",
                "DELETE FROM networking_contacts WHERE id = '" + reinserted + "'",
                "INSERT INTO networking_contacts (id, user_id, name) VALUES ('" + reinserted + "', '" + kept + "', 'Twice')",
                "TRUNCATE agent_tasks",
                "INSERT INTO agent_tasks (id, user_id, agent, task_type) VALUES ('" + UUID.randomUUID() + "', '" + kept
                        + "', 'a', 'after truncate')");
        Map<String, List<String>> afterSecond = snapshot(dataSource);
        String second = backup("incremental");

        JsonPath manifest = asAdmin().get(BACKUPS + "/{id}", second).then().statusCode(200).extract().jsonPath();
        assertThat(manifest.getString("type")).isEqualTo("incremental");
        assertThat(manifest.getString("baseId")).isEqualTo(first);
        assertThat(manifest.getString("since")).isNotNull();
        assertThat(manifest.getLong("deletions.rows")).isPositive();
        // an incremental carries the changes, not the whole table
        assertThat(manifest.getLong("tables.find { it.name == 'users' }.file.rows"))
                .isLessThan(manifest.getLong("tables.find { it.name == 'users' }.tableRows"));

        exec(dataSource, "DELETE FROM users", "INSERT INTO users (id, email, full_name) VALUES ('" + UUID.randomUUID()
                + "', 'stray@example.org', 'Stray')");

        JsonPath restoredSecond = restore(second);
        assertThat(restoredSecond.getString("state")).as(restoredSecond.getString("error")).isEqualTo("succeeded");
        assertThat(restoredSecond.getList("result.chain")).containsExactly(full, first, second);
        assertThat(snapshot(dataSource)).isEqualTo(afterSecond);

        JsonPath restoredFirst = restore(first);
        assertThat(restoredFirst.getString("state")).as(restoredFirst.getString("error")).isEqualTo("succeeded");
        assertThat(snapshot(dataSource)).isEqualTo(afterFirst);

        // the data has a new history now: an incremental cannot build on backups from before the restore
        JsonPath next = BackupFixtures.runJob(BACKUPS + "?type=incremental");
        assertThat(next.getString("state")).isEqualTo("succeeded");
        assertThat(next.getString("result.type")).isEqualTo("full");
        assertThat(next.getString("result.note")).contains("full backup was taken instead");
    }

    @Test
    void shouldKeepErasedPeopleErasedWhenTheBackupIsFromBeforeTheErasure() throws Exception {
        UUID person = seedEveryTable(dataSource);
        String id = backup("full");
        asAdmin().delete("/api/v1/users/{id}", person).then().statusCode(204);

        JsonPath job = restore(id);

        assertThat(job.getString("state")).as(job.getString("error")).isEqualTo("succeeded");
        assertThat(job.getInt("result.erasedAgain")).isEqualTo(1);
        assertThat(count(dataSource, "SELECT count(*) FROM users WHERE id = ?", person)).isZero();
        assertThat(count(dataSource, "SELECT count(*) FROM skills WHERE user_id = ?", person)).isZero();
        assertThat(count(dataSource, "SELECT count(*) FROM audit_log WHERE subject_user_id = ?", person)).isZero();
        // the memory of the erasure, written after the backup, outlives the restore
        assertThat(count(dataSource, "SELECT count(*) FROM erased_users WHERE user_id = ?", person)).isEqualTo(1);
    }
}
