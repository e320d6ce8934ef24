package io.careerdata.common;

import static io.careerdata.testing.Api.asUser;
import static io.careerdata.testing.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Expected client errors leave nothing in the log at INFO or above (no SQL, no stack trace): a
 * duplicate answered 409, a body the database refuses answered 400, a malformed body answered 400.
 */
@QuarkusTest
class LogLevelsTest {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void shouldNotLogExpectedClientErrors() {
        UUID user = newUser();
        String skills = "/api/v1/users/" + user + "/skills";
        records.clear();
        asUser(user).body(Map.of("name", "Kotlin")).post(skills).then().statusCode(201);
        asUser(user).body(Map.of("name", "Kotlin")).post(skills).then().statusCode(409);
        asUser(user).body("{\"name\": \"Go\", \"level\": \"guru\"}").post(skills).then().statusCode(400);
        asUser(user).body("{\"name\": ").post(skills).then().statusCode(400);
        salaryBeyondItsColumn();

        assertThat(records).extracting(r -> r.getLoggerName() + ": " + r.getMessage()).isEmpty();
    }

    /** The capture itself works: what the service logs at INFO reaches it. */
    @Test
    void shouldCaptureWhatIsLogged() {
        org.jboss.logging.Logger.getLogger(ProblemMappers.class).info("a line the capture must see");
        assertThat(records).extracting(LogRecord::getMessage).contains("a line the capture must see");
    }

    /** A salary beyond its column: refused by PostgreSQL itself, answered 400. */
    private static void salaryBeyondItsColumn() {
        io.careerdata.testing.Api.asAdmin()
                .body("{\"title\": \"t\", \"company\": \"c\", \"salaryMin\": 1, \"salaryMax\": 12345678901}")
                .post("/api/v1/jobs").then().statusCode(400);
    }
}
