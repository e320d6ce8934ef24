package io.careerdata.common;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * Completes the OpenAPI document with what every route of the API shares, so that the resources
 * only declare what is particular to them. Runs once, when the application is built (the document
 * is static), so nothing of it runs in a request. Somewhat over 300 lines on purpose: the rules
 * below are one pass over the document, and reading them together shows what every route promises.
 *
 * <ul>
 * <li>Every {@code {name}} of a path template is declared by each operation of that path. The
 * user-owned collections inherit their methods from {@code OwnedResource}, whose {@code userId}
 * the scanner does not carry into the concrete paths.</li>
 * <li>The ten user-owned collections get operation ids and summaries of their own, made from the
 * path ({@code listSkills}, {@code getSkill}, ...), and 201 with {@code Location} on create.</li>
 * <li>Problem answers that any operation of a kind can give: 400 (malformed parameter or body),
 * 401, 403, 404 (a UUID in the path that names nothing the caller may see) and 413 (body over
 * the size limit). Every 4xx and 5xx is {@code application/problem+json}.</li>
 * <li>{@code Location} on every 201 and 202, {@code Retry-After} on every 429, the bearer scheme on
 * every operation.</li>
 * </ul>
 */
public class ApiDocumentFilter implements OASFilter {

    static final String PROBLEM = "Problem";
    static final String SECURITY_SCHEME = "bearer";

    private static final String API = "/api/v1/";
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}/]+)}");
    /** {@code /api/v1/users/{userId}/<collection>} and {@code .../{id}}: the shape of OwnedResource. */
    private static final Pattern OWNED = Pattern.compile("/api/v1/users/\\{userId}/([a-z-]+)(/\\{id})?");
    /** Owned collections whose writes can conflict: a skill name is unique per user; applications move by a table. */
    private static final Set<String> OWNED_CONFLICTS = Set.of("skills", "applications");

    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("400", "Bad Request: a malformed parameter or body (the problem lists the fields)"),
            Map.entry("401", "Unauthorized: no valid bearer token"),
            Map.entry("403", "Forbidden: the caller's role may not do this"),
            Map.entry("404", "Not Found: nothing of that id that the caller may see (another user's data answers the same)"),
            Map.entry("405", "Method Not Allowed"),
            Map.entry("409", "Conflict"),
            Map.entry("410", "Gone"),
            Map.entry("413", "Content Too Large: the body is over the size limit"),
            Map.entry("429", "Too Many Requests: try again after Retry-After seconds"),
            Map.entry("500", "Internal Server Error: the problem carries a reference that is also in the log"),
            Map.entry("503", "Service Unavailable"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() != null ? openAPI.getComponents() : OASFactory.createComponents();
        openAPI.setComponents(components);
        components.addSchema("FieldError", fieldErrorSchema());
        components.addSchema(PROBLEM, problemSchema());
        if (openAPI.getPaths() == null) {
            return;
        }
        Map<String, String> singulars = ownedItemNames(openAPI);
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith(API)) {
                return;
            }
            item.getOperations().forEach((method, operation) -> {
                declarePathParameters(path, operation);
                Matcher owned = OWNED.matcher(path);
                if (owned.matches()) {
                    String collection = owned.group(1);
                    describeOwned(collection, singulars.getOrDefault(collection, camel(collection)),
                            owned.group(2) != null, method, operation);
                }
                addSharedProblems(path, operation);
                completeResponses(operation.getResponses());
                operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(SECURITY_SCHEME)));
            });
        });
    }

    /**
     * Declares every {@code {name}} of the template that the operation does not (as a UUID: every
     * such id here is one), and puts the path parameters first, in the template's order: the
     * scanner sorts them by name, which gives clients {@code getResumeVersion(resumeId, userId, ...)}.
     */
    private static void declarePathParameters(String path, Operation operation) {
        Matcher names = TEMPLATE.matcher(path);
        List<String> order = new ArrayList<>();
        while (names.find()) {
            order.add(names.group(1));
            String name = names.group(1);
            boolean declared = operation.getParameters() != null && operation.getParameters().stream()
                    .anyMatch(p -> p.getIn() == Parameter.In.PATH && name.equals(p.getName()));
            if (!declared) {
                List<Parameter> parameters = new ArrayList<>();
                parameters.add(OASFactory.createParameter().name(name).in(Parameter.In.PATH).required(true)
                        .description("userId".equals(name) ? "The user the data belongs to" : null)
                        .schema(string().format("uuid")));
                if (operation.getParameters() != null) {
                    parameters.addAll(operation.getParameters());
                }
                operation.setParameters(parameters);
            }
        }
        List<Parameter> sorted = new ArrayList<>(operation.getParameters() == null ? List.of() : operation.getParameters());
        sorted.sort(Comparator.comparingInt(p -> p.getIn() == Parameter.In.PATH ? order.indexOf(p.getName()) : order.size()));
        if (!sorted.isEmpty()) {
            operation.setParameters(sorted);
        }
    }

    /** Collection ("analyses") to the name of its record ("Analysis"): the item schema of its list, Page&lt;Analysis&gt;. */
    private static Map<String, String> ownedItemNames(OpenAPI openAPI) {
        Map<String, String> names = new TreeMap<>();
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            Matcher owned = OWNED.matcher(path);
            if (owned.matches() && owned.group(2) == null && item.getGET() != null) {
                String name = itemSchemaName(item.getGET());
                if (name != null) {
                    names.put(owned.group(1), name);
                }
            }
        });
        return names;
    }

    /** Ids, summaries and the create answer of one operation of a user-owned collection. */
    private static void describeOwned(String collection, String singular, boolean one, PathItem.HttpMethod method,
            Operation operation) {
        String plural = camel(collection);
        String words = words(singular);
        String a = "aeiou".indexOf(words.charAt(0)) >= 0 ? "an " : "a ";
        switch (method) {
            case GET -> {
                if (one) {
                    name(operation, "get" + singular, "Get " + a + words);
                } else {
                    name(operation, "list" + plural, "List the user's " + words(plural) + ", newest first");
                }
            }
            case POST -> {
                name(operation, "create" + singular, "Create " + a + words);
                APIResponse ok = operation.getResponses().getAPIResponse("200");
                if (ok != null) {
                    operation.getResponses().removeAPIResponse("200");
                    operation.getResponses().addAPIResponse("201", ok.description("Created; Location names the new " + words));
                }
            }
            case PUT -> name(operation, "update" + singular, "Update " + a + words);
            case DELETE -> name(operation, "delete" + singular, "Delete " + a + words);
            default -> {
                return;
            }
        }
        if ((method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT) && OWNED_CONFLICTS.contains(collection)) {
            addIfAbsent(operation.getResponses(), "409", "applications".equals(collection)
                    ? "Conflict: the status cannot move from the current one to the one asked for"
                    : "Conflict: the user has a skill of that name already");
        }
    }

    /** The schema the operation answers with: "Skill" for a PageSkill (smallrye names Page&lt;Skill&gt; so). */
    private static String itemSchemaName(Operation operation) {
        APIResponse ok = operation.getResponses() == null ? null : operation.getResponses().getAPIResponse("200");
        if (ok == null || ok.getContent() == null) {
            return null;
        }
        return ok.getContent().getMediaTypes().values().stream()
                .map(type -> type.getSchema() == null ? null : type.getSchema().getRef())
                .filter(ref -> ref != null)
                .map(ref -> ref.substring(ref.lastIndexOf('/') + 1))
                .map(name -> name.startsWith("Page") && name.length() > 4 ? name.substring(4) : name)
                .findFirst().orElse(null);
    }

    private static void name(Operation operation, String id, String summary) {
        if (operation.getOperationId() == null) {
            operation.setOperationId(id);
        }
        operation.setSummary(summary);
    }

    private static void addSharedProblems(String path, Operation operation) {
        APIResponses responses = operation.getResponses();
        boolean parameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
        if (parameters || operation.getRequestBody() != null) {
            addIfAbsent(responses, "400", null);
        }
        addIfAbsent(responses, "401", null);
        addIfAbsent(responses, "403", null);
        boolean namesARecord = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> p.getIn() == Parameter.In.PATH && isUuid(p.getSchema()));
        if (namesARecord) {
            addIfAbsent(responses, "404", null);
        }
        if (operation.getRequestBody() != null) {
            addIfAbsent(responses, "413", null);
        }
    }

    /** Problem content on every error, Location on 201/202, Retry-After on 429; statuses in order. */
    private static void completeResponses(APIResponses responses) {
        Map<String, APIResponse> sorted = new TreeMap<>(responses.getAPIResponses());
        sorted.forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                if (response.getDescription() == null || response.getDescription().isBlank()
                        || response.getDescription().equals(reasonPhrase(code))) {
                    response.setDescription(REASONS.getOrDefault(code, "Error"));
                }
                if (response.getContent() == null || response.getContent().getMediaTypes().isEmpty()) {
                    response.setContent(problemContent());
                }
            }
            if (("201".equals(code) || "202".equals(code)) && !hasHeader(response, "Location")) {
                response.addHeader("Location", header(string().format("uri"),
                        "201".equals(code) ? "The new record" : "The job to follow"));
            }
            if ("429".equals(code) && !hasHeader(response, "Retry-After")) {
                response.addHeader("Retry-After", header(OASFactory.createSchema().addType(SchemaType.INTEGER)
                        .minimum(BigDecimal.ONE), "Seconds to wait before asking again"));
            }
        });
        sorted.keySet().forEach(responses::removeAPIResponse);
        sorted.forEach(responses::addAPIResponse);
    }

    /** An inline {@code format: uuid}, or the scanner's reference to the UUID schema. */
    static boolean isUuid(Schema schema) {
        return schema != null && ("uuid".equals(schema.getFormat())
                || schema.getRef() != null && schema.getRef().endsWith("/UUID"));
    }

    private static boolean hasHeader(APIResponse response, String name) {
        return response.getHeaders() != null && response.getHeaders().containsKey(name);
    }

    private static void addIfAbsent(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse()
                    .description(description != null ? description : REASONS.get(code)));
        }
    }

    private static String reasonPhrase(String code) {
        String reason = REASONS.get(code);
        return reason == null ? null : reason.split(":")[0];
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(PROBLEM)));
    }

    private static Header header(Schema schema, String description) {
        return OASFactory.createHeader().schema(schema).description(description);
    }

    /** RFC 9457, as {@link Problem} writes it. */
    private static Schema problemSchema() {
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("An error (RFC 9457). Never a class name or a stack trace.")
                .addProperty("type", string().description("about:blank: the status says it all").example("about:blank"))
                .addProperty("title", string().description("The status's reason phrase").example("Bad Request"))
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32").example(400))
                .addProperty("detail", string().description("What went wrong, for the client").example("The request is not valid"))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .description("The rejected fields of a request; absent otherwise")
                        .items(OASFactory.createSchema().ref("FieldError")))
                .required(List.of("type", "title", "status"));
    }

    private static Schema fieldErrorSchema() {
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .addProperty("field", string().description("The field or parameter, e.g. email, size, items[0].name"))
                .addProperty("message", string())
                .required(List.of("field", "message"));
    }

    private static Schema string() {
        return OASFactory.createSchema().addType(SchemaType.STRING);
    }

    /** "job-descriptions" becomes "JobDescriptions". */
    static String camel(String segment) {
        StringBuilder out = new StringBuilder();
        for (String part : segment.split("-")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }

    /** "JobDescription" becomes "job description". */
    static String words(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }
}
