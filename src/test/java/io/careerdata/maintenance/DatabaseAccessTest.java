package io.careerdata.maintenance;

import static io.careerdata.maintenance.DatabaseFixtures.DATABASE;
import static io.careerdata.testing.Api.anonymous;
import static io.careerdata.testing.Api.as;
import static io.careerdata.testing.Api.asUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.careerdata.testing.AuditTrail;
import io.careerdata.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DatabaseAccessTest {

    private static final List<String[]> ROUTES = List.of(
            new String[] {"GET", "/indexes"}, new String[] {"POST", "/indexes/users_created_at_idx/rebuild"},
            new String[] {"GET", "/jobs/" + UUID.randomUUID()}, new String[] {"GET", "/tables"},
            new String[] {"GET", "/slow-queries"}, new String[] {"GET", "/explain"},
            new String[] {"GET", "/explain/job-search"}, new String[] {"POST", "/vacuum"},
            new String[] {"GET", "/activity"});

    @Test
    void shouldAnswer401ToAnonymousCallersAnd403ToUsers() {
        for (String[] route : ROUTES) {
            call(() -> anonymous(), route).then().statusCode(401).contentType("application/problem+json");
            call(() -> asUser(UUID.randomUUID()), route).then().statusCode(403).contentType("application/problem+json");
        }
    }

    @Test
    void shouldWriteEveryCallToTheAuditLog() {
        String subject = UUID.randomUUID().toString();
        RequestSpecification admin = as(TestTokens.sign(subject, Set.of("admin"), TestTokens.ISSUER));
        admin.get(DATABASE + "/indexes").then().statusCode(200);
        admin.get(DATABASE + "/tables").then().statusCode(200);
        admin.get(DATABASE + "/slow-queries?limit=5").then().statusCode(200);
        admin.get(DATABASE + "/explain").then().statusCode(200);
        admin.get(DATABASE + "/explain/users-page?analyze=true").then().statusCode(200);
        admin.get(DATABASE + "/activity").then().statusCode(200);
        String job = admin.body(Map.of("table", "skills", "analyzeOnly", true)).post(DATABASE + "/vacuum")
                .then().statusCode(202).extract().path("id");
        admin.get(DATABASE + "/jobs/{id}", job).then().statusCode(200);

        String by = " by " + subject;
        assertThat(AuditTrail.of("database", "indexes")).contains("database.indexes.read" + by);
        assertThat(AuditTrail.of("database", "tables")).contains("database.tables.read" + by);
        assertThat(AuditTrail.of("database", "slow-queries")).contains("database.slow-queries.read" + by);
        assertThat(AuditTrail.of("database", "explain")).contains("database.explain.list" + by);
        assertThat(AuditTrail.of("database", "users-page")).contains("database.explain" + by);
        assertThat(AuditTrail.of("database", "activity")).contains("database.activity.read" + by);
        assertThat(AuditTrail.of("database", "skills")).contains("database.vacuum" + by);
        assertThat(AuditTrail.of("database", job)).containsExactly("database.job.read" + by);
    }

    @Test
    void shouldDescribeEveryRouteInTheApiDocument() {
        io.restassured.path.json.JsonPath document = io.restassured.RestAssured.given().accept("application/json")
                .get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = document.getMap("paths");
        List<String> ids = paths.entrySet().stream().filter(p -> p.getKey().startsWith(DATABASE))
                .flatMap(p -> p.getValue().values().stream()).map(op -> (String) op.get("operationId")).toList();
        assertThat(ids).containsExactlyInAnyOrder("getDatabaseIndexes", "rebuildDatabaseIndex",
                "getDatabaseMaintenanceJob", "getDatabaseTables", "getSlowQueries", "listExplainQueries", "explainQuery",
                "vacuumDatabase", "getDatabaseActivity");
        assertThat(document.getMap("paths.'" + DATABASE + "/vacuum'.post.responses")).containsKey("202");
    }

    private static io.restassured.response.Response call(Supplier<RequestSpecification> caller, String[] route) {
        RequestSpecification request = caller.get();
        return "GET".equals(route[0]) ? request.get(DATABASE + route[1])
                : request.body(Map.of()).post(DATABASE + route[1]);
    }
}
