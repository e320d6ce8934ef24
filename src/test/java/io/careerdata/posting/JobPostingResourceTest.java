package io.careerdata.posting;

import static io.careerdata.testing.Api.as;
import static io.careerdata.testing.Api.asAdmin;
import static io.careerdata.testing.Api.asUser;
import static io.careerdata.testing.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.careerdata.security.Roles;
import io.careerdata.testing.AuditTrail;
import io.careerdata.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Job search and the admin's maintenance of postings. Each test makes four postings of its own,
 * marked in title, company and source, so postings of other tests never show up in its results.
 */
@QuarkusTest
class JobPostingResourceTest {

    private static final String JOBS = "/api/v1/jobs";

    private String marker;
    private final Map<String, String> ids = new LinkedHashMap<>();

    @BeforeEach
    void createPostings() {
        marker = "m" + UUID.randomUUID().toString().substring(0, 8);
        posting("A", "Backend Engineer", "Acme", "Berlin", 60000, 80000, "2026-01-10");
        posting("B", "Frontend Developer", "Globex", "Paris", 40000, 55000, "2026-02-20");
        posting("C", "Data engineer", "Acme Labs", "berlin", null, null, "2026-03-05");
        posting("D", "100%_match", "Initech", null, 90000, 120000, null);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "'' | D,C,B,A",
            "title=ENGINEER | C,A",
            "company=acme | C,A",
            "location=BERLIN | C,A",
            "location=Berl | ''",
            "salaryMin=70000 | D,A",
            "salaryMin=80000 | D,A",
            "salaryMax=50000 | B",
            "salaryMax=60000 | B,A",
            "salaryMin=56000&salaryMax=85000 | A",
            "postedAfter=2026-02-01 | C,B",
            "postedBefore=2026-02-20 | B,A",
            "postedAfter=2026-02-20&postedBefore=2026-02-20 | B",
            "title=engineer&location=berlin&salaryMin=70000 | A",
            "title=%25 | D",
            "title=_ | D",
            "title=100%25_ | D",
            "title=0%25m | ''",
    })
    void shouldFilterBySource(String query, String expected) {
        assertSearch("source=" + marker + "&sort=-createdAt&" + query, expected);
    }

    @ParameterizedTest(name = "sort={0} -> {1}")
    @CsvSource({
            "'', C;B;A;D",
            "-postedDate, C;B;A;D",
            "postedDate, A;B;C;D",
            "title, D;A;C;B",
            "-title, B;C;A;D",
            "company, A;C;B;D",
            "salaryMin, B;A;D;C",
            "-salaryMax, D;A;B;C",
            "createdAt, A;B;C;D",
            "-createdAt, D;C;B;A",
    })
    void shouldSortBy(String sort, String expected) {
        assertSearch("source=" + marker + "&sort=" + sort, expected.replace(';', ','));
    }

    @Test
    void shouldFilterByTitleAndCompanyWithoutSource() {
        assertSearch("title=" + marker + "&sort=title", "D,A,C,B");
        assertSearch("company=" + marker + " acme&sort=company", "A,C");
        assertSearch("source=" + marker.toUpperCase(), "");
    }

    @Test
    void shouldPageSearchResults() {
        asUser(newUser()).get(JOBS + "?source={s}&sort=postedDate&size=3&page=1", marker).then().statusCode(200)
                .body("items.id", equalTo(List.of(ids.get("D")))).body("total", equalTo(4))
                .body("page", equalTo(1)).body("size", equalTo(3));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "salaryMin=abc, salaryMin",
            "salaryMax=1e, salaryMax",
            "postedAfter=2026-13-01, postedAfter",
            "postedBefore=yesterday, postedBefore",
            "postedAfter=01.02.2026, postedAfter",
            "sort=salary, sort",
            "sort=-, sort",
            "sort=--title, sort",
            "sort=id, sort",
    })
    void shouldRejectAMalformedSearch(String query, String field) {
        asUser(newUser()).get(JOBS + "?" + query).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(field));
    }

    @Test
    void shouldCreateUpdateAndDeleteAsAdminWithAuditEntries() {
        String admin = UUID.randomUUID().toString();
        RequestSpecification asThisAdmin = as(TestTokens.sign(admin, Set.of(Roles.ADMIN), TestTokens.ISSUER));
        Map<String, Object> body = new HashMap<>(Map.of("title", "SRE", "company", "Umbrella",
                "url", "https://jobs.example.org/1", "salaryMin", 50000, "currency", "EUR", "postedDate", "2026-04-01"));
        String location = asThisAdmin.body(body).post(JOBS).then().statusCode(201)
                .body("title", equalTo("SRE")).body("source", equalTo("manual"))
                .body("postedDate", equalTo("2026-04-01")).body("currency", equalTo("EUR"))
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        asUser(newUser()).get(location).then().statusCode(200).body("company", equalTo("Umbrella"));

        body.put("title", "Senior SRE");
        as(TestTokens.sign(admin, Set.of(Roles.ADMIN), TestTokens.ISSUER)).body(body).put(JOBS + "/{id}", id)
                .then().statusCode(200).body("title", equalTo("Senior SRE")).body("id", equalTo(id));
        asUser(newUser()).get(JOBS + "/{id}", id).then().body("title", equalTo("Senior SRE"));

        as(TestTokens.sign(admin, Set.of(Roles.ADMIN), TestTokens.ISSUER)).delete(JOBS + "/{id}", id)
                .then().statusCode(204);
        asUser(newUser()).get(JOBS + "/{id}", id).then().statusCode(404).contentType("application/problem+json");
        asAdmin().delete(JOBS + "/{id}", id).then().statusCode(404);
        asAdmin().body(body).put(JOBS + "/{id}", id).then().statusCode(404);

        assertThat(AuditTrail.of("job_posting", id))
                .containsExactly("job.create by " + admin, "job.update by " + admin, "job.delete by " + admin);
    }

    @Test
    void shouldNotLetAUserMaintainPostings() {
        UUID user = newUser();
        String id = ids.get("A");
        Map<String, Object> body = Map.of("title", "Hijacked", "company", "Evil");
        asUser(user).body(body).post(JOBS).then().statusCode(403).contentType("application/problem+json");
        asUser(user).body(body).put(JOBS + "/{id}", id).then().statusCode(403);
        asUser(user).delete(JOBS + "/{id}", id).then().statusCode(403);

        asUser(user).get(JOBS + "/{id}", id).then().statusCode(200).body("title", equalTo(marker + " Backend Engineer"));
        assertThat(AuditTrail.of("job_posting", id)).containsExactly("job.create by admin-of-" + marker);
    }

    @Test
    void shouldRejectAnInvalidPostingNamingTheFields() {
        asAdmin().body(Map.of("title", "", "company", "Acme", "url", "ftp://example.org", "currency", "eur",
                        "salaryMin", 100, "salaryMax", 50))
                .post(JOBS).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("currency", "salaryRangeOrdered", "title", "url")));
        asAdmin().body(Map.of("title", "SRE", "company", "Acme", "salaryMin", -1))
                .post(JOBS).then().statusCode(400).body("errors.field", equalTo(List.of("salaryMin")));
        asAdmin().body(Map.of("title", "SRE", "company", "Acme", "postedDate", "yesterday"))
                .post(JOBS).then().statusCode(400).body("errors.field", hasItem("postedDate"));
    }

    private void posting(String key, String title, String company, String location, Integer salaryMin,
            Integer salaryMax, String postedDate) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", marker + " " + title);
        body.put("company", marker + " " + company);
        body.put("source", marker);
        body.put("location", location);
        body.put("salaryMin", salaryMin);
        body.put("salaryMax", salaryMax);
        body.put("postedDate", postedDate);
        String id = as(TestTokens.sign("admin-of-" + marker, Set.of(Roles.ADMIN), TestTokens.ISSUER))
                .body(body).post(JOBS).then().statusCode(201).extract().path("id");
        ids.put(key, id);
    }

    /** The search answers exactly the postings named in {@code expected} ("A,C"), in that order. */
    private void assertSearch(String query, String expected) {
        List<String> wanted = expected.isEmpty() ? List.of()
                : List.of(expected.split(",")).stream().map(ids::get).toList();
        asUser(newUser()).urlEncodingEnabled(false).get(JOBS + "?" + query.replace(" ", "%20")).then().statusCode(200)
                .body("items.id", equalTo(wanted))
                .body("total", equalTo(wanted.size()));
    }
}
