package io.careerdata.common;

import static io.careerdata.testing.Api.asAdmin;
import static io.careerdata.testing.Api.asUser;
import static io.careerdata.testing.Api.newUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the running service serves: it parses without errors or warnings, and it
 * describes every route as it behaves (parameters, answers, problems, headers, security), so that
 * generated clients work.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}/]+)}");
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    private static SwaggerParseResult parsed;
    private static OpenAPI document;

    /** Fetched in the first test: rest-assured knows the test application's port only from then on. */
    @BeforeEach
    void fetch() {
        if (document != null) {
            return;
        }
        String json = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        parsed = new OpenAPIV3Parser().readContents(json, null, options);
        document = parsed.getOpenAPI();
    }

    /** Every operation, named "GET /path", in the document's order. */
    private static Map<String, Operation> operations() {
        Map<String, Operation> operations = new LinkedHashMap<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> operations.put(method + " " + path, operation)));
        return operations;
    }

    private static Operation operation(String method, String path) {
        PathItem item = document.getPaths().get(path);
        assertThat(item).as(path).isNotNull();
        Operation operation = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method));
        assertThat(operation).as(method + " " + path).isNotNull();
        return operation;
    }

    private static Parameter parameter(Operation operation, String name) {
        return operation.getParameters().stream().filter(p -> p.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(operation.getOperationId() + " has no parameter " + name));
    }

    @Test
    void shouldParseWithoutErrorsOrWarnings() {
        assertThat(document).as("parsed document; messages %s", parsed.getMessages()).isNotNull();
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(document.getPaths()).hasSizeGreaterThan(30);
    }

    @Test
    void shouldDeclareEveryPathParameterOnEveryOperation() {
        List<String> missing = new ArrayList<>();
        document.getPaths().forEach((path, item) -> {
            Matcher names = TEMPLATE.matcher(path);
            while (names.find()) {
                String name = names.group(1);
                item.readOperationsMap().forEach((method, operation) -> {
                    List<Parameter> declared = new ArrayList<>();
                    if (item.getParameters() != null) {
                        declared.addAll(item.getParameters());
                    }
                    if (operation.getParameters() != null) {
                        declared.addAll(operation.getParameters());
                    }
                    boolean found = declared.stream().anyMatch(p -> "path".equals(p.getIn()) && name.equals(p.getName())
                            && Boolean.TRUE.equals(p.getRequired()));
                    if (!found) {
                        missing.add(method + " " + path + " {" + name + "}");
                    }
                });
            }
        });
        assertThat(missing).isEmpty();
        // clients take the path parameters in the path's order
        assertThat(operation("GET", "/api/v1/users/{userId}/resumes/{resumeId}/versions/{version}").getParameters())
                .extracting(Parameter::getName).startsWith("userId", "resumeId", "version");
        assertThat(operation("PUT", "/api/v1/ai-results/{namespace}/{hash}").getParameters())
                .extracting(Parameter::getName).containsExactly("namespace", "hash");
    }

    @Test
    void shouldNameSummarizeAndTagEveryOperationOnce() {
        Set<String> ids = new HashSet<>();
        operations().forEach((name, operation) -> {
            assertThat(operation.getOperationId()).as("operationId of %s", name).isNotBlank().matches("[a-z][A-Za-z]+");
            assertThat(ids.add(operation.getOperationId())).as("%s is unique (%s)", operation.getOperationId(), name)
                    .isTrue();
            assertThat(operation.getSummary()).as("summary of %s", name).isNotBlank();
            assertThat(operation.getTags()).as("tags of %s", name).isNotEmpty();
        });
        assertThat(ids).contains("listSkills", "getSkill", "createSkill", "updateSkill", "deleteSkill",
                "listAnalyses", "getAnalysis", "listAgentTasks", "deleteNetworkingContact", "updateCareerRoadmap",
                "createExport", "downloadExport", "searchJobPostings", "createUser", "listResumeVersions");
    }

    @Test
    void shouldAnswerEveryErrorAsAProblem() {
        operations().forEach((name, operation) -> {
            Map<String, ApiResponse> responses = operation.getResponses();
            assertThat(responses).as("statuses of %s", name).containsKeys("401", "403");
            boolean parameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
            if (parameters || operation.getRequestBody() != null) {
                assertThat(responses).as("statuses of %s", name).containsKey("400");
            }
            if (operation.getRequestBody() != null) {
                assertThat(responses).as("statuses of %s", name).containsKey("413");
            }
            boolean namesARecord = parameters && operation.getParameters().stream()
                    .anyMatch(p -> "path".equals(p.getIn()) && isUuid(p.getSchema()));
            if (namesARecord) {
                assertThat(responses).as("statuses of %s", name).containsKey("404");
            }
            responses.forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    MediaType problem = response.getContent() == null ? null : response.getContent().get(Problem.MEDIA_TYPE);
                    assertThat(problem).as("%s %s is application/problem+json", name, status).isNotNull();
                    assertThat(problem.getSchema().get$ref()).as("%s %s", name, status).isEqualTo(PROBLEM_REF);
                    assertThat(response.getDescription()).as("%s %s", name, status).isNotBlank();
                }
            });
        });
        Schema<?> problem = document.getComponents().getSchemas().get("Problem");
        assertThat(problem.getProperties()).containsKeys("type", "title", "status", "detail", "errors");
    }

    private static boolean isUuid(Schema<?> schema) {
        return "uuid".equals(schema.getFormat()) || schema.get$ref() != null && schema.get$ref().endsWith("/UUID");
    }

    @Test
    void shouldGiveEveryOperationASuccessfulAnswer() {
        operations().forEach((name, operation) -> assertThat(operation.getResponses().keySet())
                .as("statuses of %s", name).anyMatch(status -> status.startsWith("2")));
        operations().forEach((name, operation) -> operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("2") && !"204".equals(status)) {
                assertThat(response.getContent()).as("%s %s has content", name, status).isNotEmpty();
            }
        }));
    }

    @Test
    void shouldDescribeTheSuccessfulAnswersAndTheirHeaders() {
        ApiResponse created = operation("POST", "/api/v1/users/{userId}/skills").getResponses().get("201");
        assertThat(created).as("createSkill answers 201").isNotNull();
        assertThat(created.getHeaders()).containsKey("Location");
        assertThat(created.getContent().get("application/json").getSchema().get$ref()).endsWith("/Skill");
        assertThat(operation("POST", "/api/v1/users").getResponses()).containsKeys("201", "409");
        assertThat(operation("POST", "/api/v1/users").getResponses().get("201").getContent().get("application/json")
                .getSchema().get$ref()).endsWith("/User");
        assertThat(operation("DELETE", "/api/v1/users/{userId}/skills/{id}").getResponses()).containsKey("204");

        Operation export = operation("POST", "/api/v1/data-management/exports");
        assertThat(export.getResponses().get("202").getHeaders()).containsKey("Location");
        assertThat(export.getResponses().get("429").getHeaders()).containsKey("Retry-After");
        Operation download = operation("GET", "/api/v1/data-management/exports/{id}/download");
        assertThat(download.getResponses()).containsKeys("200", "404", "409", "410");
        assertThat(download.getResponses().get("200").getContent()).containsKeys("application/zip", "application/json");
        assertThat(download.getResponses().get("200").getContent().get("application/zip").getSchema().getFormat())
                .isEqualTo("binary");
        assertThat(operation("POST", "/api/v1/data-management/backups").getResponses().get("202").getHeaders())
                .containsKey("Location");
        assertThat(operation("POST", "/api/v1/users/{userId}/applications").getResponses()).containsKey("409");

        Schema<?> aiBody = operation("PUT", "/api/v1/ai-results/{namespace}/{hash}").getRequestBody().getContent()
                .get("application/json").getSchema();
        assertThat(aiBody.get$ref()).endsWith("/AiResultRequest");
    }

    @Test
    void shouldTypeAndBoundTheQueryParameters() {
        for (String path : List.of("/api/v1/users/{userId}/skills", "/api/v1/users", "/api/v1/jobs",
                "/api/v1/data-management/exports")) {
            Operation list = operation("GET", path);
            assertInteger(parameter(list, "page").getSchema(), "0", "1000000");
            assertInteger(parameter(list, "size").getSchema(), "1", "100");
        }
        Operation search = operation("GET", "/api/v1/jobs");
        assertThat(parameter(search, "postedAfter").getSchema().getFormat()).isEqualTo("date");
        assertThat(parameter(search, "salaryMin").getSchema().getTypes()).containsExactly("number");
        assertThat(parameter(search, "sort").getSchema().getEnum()).contains("postedDate", "-salaryMax");
        assertThat(parameter(operation("POST", "/api/v1/data-management/backups"), "type").getSchema().getEnum())
                .containsExactly("full", "incremental");
        assertThat(parameter(operation("POST", "/api/v1/data-management/backups/{id}/restore"), "dryRun").getSchema()
                .getTypes()).containsExactly("boolean");
        assertThat(parameter(operation("GET", "/api/v1/users/{userId}/skills"), "userId").getSchema().getFormat())
                .isEqualTo("uuid");
    }

    private static void assertInteger(Schema<?> schema, String minimum, String maximum) {
        assertThat(schema.getTypes()).containsExactly("integer");
        assertThat(schema.getMinimum()).isEqualByComparingTo(new BigDecimal(minimum));
        assertThat(schema.getMaximum()).isEqualByComparingTo(new BigDecimal(maximum));
    }

    @Test
    void shouldRequireTheBearerSchemeEverywhere() {
        assertThat(document.getComponents().getSecuritySchemes()).containsKey("bearer");
        assertThat(document.getComponents().getSecuritySchemes().get("bearer").getScheme()).isEqualTo("bearer");
        operations().forEach((name, operation) -> assertThat(operation.getSecurity()).as("security of %s", name)
                .anySatisfy(requirement -> assertThat(requirement).containsKey("bearer")));
    }

    /** The values the document lists are the ones the service takes; others are the 400 the document says. */
    @Test
    void shouldAcceptTheDocumentedValuesAndRejectOthersWithAProblem() {
        UUID user = newUser();
        for (Object sort : parameter(operation("GET", "/api/v1/jobs"), "sort").getSchema().getEnum()) {
            asUser(user).get("/api/v1/jobs?size=1&sort=" + sort).then().statusCode(200);
        }
        asUser(user).get("/api/v1/jobs?sort=salary").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("sort"));
        asUser(user).get("/api/v1/jobs?postedAfter=2025-02-30").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("postedAfter"));
        asUser(user).get("/api/v1/jobs?postedAfter=2025-02-28&salaryMin=50000.5").then().statusCode(200);
        asUser(user).get("/api/v1/jobs?salaryMax=lots").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("salaryMax"));
        asAdmin().post("/api/v1/data-management/backups?type=weekly").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("type"));
        asAdmin().post("/api/v1/data-management/backups/20250101-020000-full-1a2b3c4d/restore?dryRun=maybe")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("dryRun"));
        asUser(user).get("/api/v1/users/{u}/resumes/{r}/versions/0", user, UUID.randomUUID()).then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("version"));
        asAdmin().get("/api/v1/ai-results/vectors/" + "a".repeat(64)).then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("namespace"));
    }
}
