package io.careerdata.export;

import static io.careerdata.export.ExportFiles.requestReady;
import static io.careerdata.testing.Api.anonymous;
import static io.careerdata.testing.Api.asAdmin;
import static io.careerdata.testing.Api.asUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.careerdata.privacy.ErasureService;
import io.careerdata.privacy.UserDataEvictor;
import io.careerdata.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code DELETE /api/v1/users/{id}}: afterwards no row of any table holds the person's id or data,
 * their export files are gone, every evictor was told to evict them, and the audit log keeps one
 * line. A recording evictor (failing on demand) stands beside the real ones.
 */
@QuarkusTest
class ErasureResourceTest {

    /**
     * Where the id alone stays: erased_users, the one audit line, and, once backups track deletions,
     * backup_deletions, which holds only the keys of the deleted rows (for incrementals) and is
     * pruned with the backups that need them. None holds anything else of the person.
     */
    private static final List<String> ERASURE_MEMORY = List.of("erased_users", "audit_log", "backup_deletions");

    @Inject
    Pool pool;

    @Inject
    ExportStorage storage;

    @Inject
    ErasureService erasure;

    @Inject
    RecordingEvictor evictor;

    @BeforeEach
    void forgetEvictions() {
        evictor.reset();
    }

    @Test
    void shouldLeaveNoRowFileOrCachedEntryOfThePerson() {
        ExportFixture.Person person = ExportFixture.seed(pool);
        ExportFixture.Person other = ExportFixture.seed(pool);
        requestReady(asUser(person.id()), person.id(), Map.of("format", "zip"));
        assertThat(storage.userDir(person.id())).isNotEmptyDirectory();
        assertThat(rowsHolding(person.marker())).isNotEmpty();

        asUser(person.id()).delete("/api/v1/users/{id}", person.id()).then().statusCode(204);

        assertThat(rowsHolding(person.marker())).as("rows holding the person's data").isEmpty();
        assertThat(rowsHolding(person.id().toString())).as("rows naming the person")
                .contains("erased_users", "audit_log").isSubsetOf(ERASURE_MEMORY);
        assertThat(erasureRecords(person.id())).containsExactly("user.erase by " + person.id());
        assertThat(storage.userDir(person.id())).doesNotExist();
        assertThat(evictor.evicted()).containsExactly(person.id());
        asAdmin().get("/api/v1/users/{id}", person.id()).then().statusCode(404);
        // the other person keeps everything
        assertThat(rowsHolding(other.marker())).contains("users", "skills", "resume_versions", "networking_contacts");
        assertThat(ExportResourceTest.metrics()).contains("erasure_completed_total");
    }

    @Test
    void shouldLetOnlyThePersonOrAnAdminErase() {
        UUID person = Api.newUser();
        UUID other = Api.newUser();

        asUser(other).delete("/api/v1/users/{id}", person).then().statusCode(404);
        anonymous().delete("/api/v1/users/{id}", person).then().statusCode(401);
        asAdmin().get("/api/v1/users/{id}", person).then().statusCode(200);
        assertThat(evictor.evicted()).isEmpty();

        asAdmin().delete("/api/v1/users/{id}", person).then().statusCode(204);
        // repeating it finishes the clean-up again and still answers 204; an id never seen is 404
        asAdmin().delete("/api/v1/users/{id}", person).then().statusCode(204);
        asAdmin().delete("/api/v1/users/{id}", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        assertThat(evictor.evicted()).containsExactly(person, person);
        assertThat(erasureRecords(person)).hasSize(1).allMatch(line -> !line.endsWith(person.toString()));
    }

    @Test
    void shouldAskForARetryWhenTheCacheCannotBeClearedAndFinishOnIt() {
        UUID person = Api.newUser();
        evictor.failNext(1);

        asUser(person).delete("/api/v1/users/{id}", person).then().statusCode(503)
                .contentType("application/problem+json");
        assertThat(rowsHolding(person.toString())).contains("erased_users", "audit_log").isSubsetOf(ERASURE_MEMORY);

        asUser(person).delete("/api/v1/users/{id}", person).then().statusCode(204);
        assertThat(evictor.evicted()).containsExactly(person);
    }

    @Test
    void shouldEraseAgainWhenARestoreBringsThePersonBack() {
        ExportFixture.Person person = ExportFixture.seed(pool);
        asAdmin().delete("/api/v1/users/{id}", person.id()).then().statusCode(204);
        // a restore of a backup taken before the erasure
        restore(person);
        assertThat(rowsHolding(person.marker())).containsExactlyInAnyOrder("users", "skills");

        assertThat(erasure.reapplyErasures().await().atMost(ExportFixture.WAIT)).isEqualTo(1);

        assertThat(rowsHolding(person.marker())).isEmpty();
        assertThat(evictor.evicted()).containsExactly(person.id(), person.id());
        assertThat(erasure.reapplyErasures().await().atMost(ExportFixture.WAIT)).isZero();

        // the statements a restore can run inside its own transaction do the same
        restore(person);
        pool.withTransaction(db -> io.smallrye.mutiny.Multi.createFrom().iterable(ErasureService.REAPPLY_SQL)
                .onItem().transformToUniAndConcatenate(sql -> db.query(sql).execute())
                .collect().last()).await().atMost(ExportFixture.WAIT);
        assertThat(rowsHolding(person.marker())).isEmpty();
    }

    private void restore(ExportFixture.Person person) {
        ExportFixture.insertRow(pool, "users", ExportFixture.row("id", person.id(), "email", person.marker() + "@example.org",
                "full_name", "Restored " + person.marker()));
        ExportFixture.insertRow(pool, "skills", ExportFixture.row("id", UUID.randomUUID(), "user_id", person.id(),
                "name", "Restored " + person.marker()));
    }

    /** The tables with a row whose text (every column) contains {@code text}. */
    private List<String> rowsHolding(String text) {
        List<String> tables = new ArrayList<>();
        for (Row table : pool.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                + " AND table_type = 'BASE TABLE' ORDER BY table_name").execute().await().atMost(ExportFixture.WAIT)) {
            String name = table.getString("table_name");
            long rows = pool.preparedQuery("SELECT count(*) FROM " + name + " t WHERE t::text LIKE $1")
                    .execute(Tuple.of("%" + text + "%")).await().atMost(ExportFixture.WAIT)
                    .iterator().next().getLong(0);
            if (rows > 0) {
                tables.add(name);
            }
        }
        return tables;
    }

    private List<String> erasureRecords(UUID person) {
        List<String> lines = new ArrayList<>();
        pool.preparedQuery("SELECT action, actor, subject_user_id, details FROM audit_log WHERE target_id = $1"
                        + " AND action = 'user.erase'")
                .execute(Tuple.of(person.toString())).await().atMost(ExportFixture.WAIT)
                .forEach(row -> {
                    assertThat(row.getValue("subject_user_id")).isNull();
                    assertThat(row.getValue("details")).isNull();
                    lines.add(row.getString("action") + " by " + row.getString("actor"));
                });
        return lines;
    }

    /**
     * One more {@link UserDataEvictor} beside the cache's and the exports': records which people it
     * was asked to evict; fails the next calls on demand. Reached through its client proxy, so
     * through methods only.
     */
    @ApplicationScoped
    public static class RecordingEvictor implements UserDataEvictor {

        private final List<UUID> evicted = new CopyOnWriteArrayList<>();
        private final AtomicInteger failuresLeft = new AtomicInteger();

        List<UUID> evicted() {
            return List.copyOf(evicted);
        }

        void failNext(int calls) {
            failuresLeft.set(calls);
        }

        void reset() {
            evicted.clear();
            failuresLeft.set(0);
        }

        @Override
        public Uni<Void> evictUser(UUID userId) {
            if (failuresLeft.getAndDecrement() > 0) {
                return Uni.createFrom().failure(new IllegalStateException("the cache is unreachable"));
            }
            evicted.add(userId);
            return Uni.createFrom().voidItem();
        }
    }
}
