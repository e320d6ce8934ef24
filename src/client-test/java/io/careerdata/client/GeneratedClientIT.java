package io.careerdata.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerdata.client.api.DataExportsApi;
import io.careerdata.client.api.JobsApi;
import io.careerdata.client.api.ResumesApi;
import io.careerdata.client.api.SkillsApi;
import io.careerdata.client.api.UsersApi;
import io.careerdata.client.model.ExportFormat;
import io.careerdata.client.model.ExportJob;
import io.careerdata.client.model.ExportRequest;
import io.careerdata.client.model.ExportState;
import io.careerdata.client.model.JobPosting;
import io.careerdata.client.model.JobPostingRequest;
import io.careerdata.client.model.PageJobPosting;
import io.careerdata.client.model.PageSkill;
import io.careerdata.client.model.Resume;
import io.careerdata.client.model.ResumeRequest;
import io.careerdata.client.model.Skill;
import io.careerdata.client.model.SkillRequest;
import io.careerdata.client.model.User;
import io.careerdata.client.model.UserRequest;
import io.careerdata.testing.TestTokens;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import java.io.File;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A client generated from the service's own OpenAPI document (see pom.xml), driven against the
 * packaged application: if the document lies about a route, this flow does not compile or fails.
 */
@QuarkusIntegrationTest
class GeneratedClientIT {

    private static ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(RestAssured.baseURI + ":" + RestAssured.port);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    @Test
    void shouldServeAUsersFlowThroughTheGeneratedClient() throws Exception {
        ApiClient admin = client(TestTokens.admin());
        String unique = UUID.randomUUID().toString().substring(0, 8);
        User created = new UsersApi(admin).createUser(new UserRequest()
                .email("client-" + unique + "@example.org").fullName("Client " + unique));
        UUID userId = created.getId();
        ApiClient user = client(TestTokens.user(userId));
        assertThat(new UsersApi(user).getCurrentUser().getEmail()).isEqualTo("client-" + unique + "@example.org");

        SkillsApi skills = new SkillsApi(user);
        Skill kotlin = skills.createSkill(userId, new SkillRequest().name("Kotlin").yearsExperience(new BigDecimal("4.5")));
        skills.createSkill(userId, new SkillRequest().name("PostgreSQL"));
        PageSkill first = skills.listSkills(userId, 0, 1);
        assertThat(first.getTotal()).isEqualTo(2L);
        assertThat(first.getSize()).isEqualTo(1);
        assertThat(first.getItems()).hasSize(1);
        PageSkill second = skills.listSkills(userId, 1, 1);
        assertThat(second.getItems()).extracting(Skill::getName).doesNotContain(first.getItems().get(0).getName());
        assertThat(skills.getSkill(userId, kotlin.getId()).getName()).isEqualTo("Kotlin");

        ResumesApi resumes = new ResumesApi(user);
        Resume resume = resumes.createResume(userId, new ResumeRequest().title("Backend").content("Java and SQL."));
        assertThat(resume.getCurrentVersion()).isEqualTo(1);
        Resume updated = resumes.updateResume(userId, resume.getId(),
                new ResumeRequest().title("Senior backend").content("Java, SQL and Kubernetes."));
        assertThat(updated.getCurrentVersion()).isEqualTo(2);
        assertThat(updated.getTitle()).isEqualTo("Senior backend");
        assertThat(resumes.listResumeVersions(userId, resume.getId(), 0, 10).getTotal()).isEqualTo(2L);

        DataExportsApi exports = new DataExportsApi(user);
        ExportJob job = exports.createExport(new ExportRequest().format(ExportFormat.JSON));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (job.getState() != ExportState.READY && job.getState() != ExportState.FAILED && System.nanoTime() < deadline) {
            Thread.sleep(200);
            job = exports.getExport(job.getId());
        }
        assertThat(job.getState()).isEqualTo(ExportState.READY);
        File file = exports.downloadExport(job.getId());
        JsonNode exported = new ObjectMapper().readTree(file);
        assertThat(exported.at("/data/skills")).hasSize(2);
        assertThat(exported.at("/data/resumes/0/title").asText()).isEqualTo("Senior backend");

        JobsApi jobs = new JobsApi(admin);
        String title = "Client engineer " + unique;
        JobPosting posting = jobs.createJobPosting(new JobPostingRequest().title(title).company("Acme")
                .postedDate(LocalDate.of(2025, 3, 1)).salaryMin(new BigDecimal("50000")).salaryMax(new BigDecimal("70000")));
        PageJobPosting found = new JobsApi(user).searchJobPostings(null, null, 0, LocalDate.of(2025, 2, 1), null, null,
                new BigDecimal("60000"), 20, "-salaryMax", null, title);
        assertThat(found.getItems()).extracting(JobPosting::getId).containsExactly(posting.getId());

        UUID other = new UsersApi(admin).createUser(new UserRequest()
                .email("other-" + unique + "@example.org").fullName("Other " + unique)).getId();
        Skill theirs = new SkillsApi(client(TestTokens.user(other))).createSkill(other, new SkillRequest().name("Go"));
        assertThatThrownBy(() -> skills.getSkill(other, theirs.getId()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(e.getResponseHeaders().firstValue("Content-Type")).hasValue("application/problem+json");
                    assertThat(e.getResponseBody()).contains("\"status\":404");
                });
    }
}
