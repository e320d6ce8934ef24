package io.careerdata.airesult;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerdata.common.ProblemException;
import io.careerdata.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The AI result store, for the platform's AI services: anyone signed in reads a result by its
 * hash; only admin (service) tokens store one, so users cannot plant results for others' inputs.
 */
@Path("/api/v1/ai-results/{namespace}/{hash}")
@Tag(name = "AI results")
public class AiResultResource {

    private static final Pattern SHA_256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final String NAMESPACES = "embedding, rag, ai-response, analysis, chat";

    @Inject
    AiResultService results;

    @Inject
    AiResultsConfig config;

    @Inject
    ObjectMapper mapper;

    @GET
    @RolesAllowed({Roles.USER, Roles.ADMIN})
    @Operation(operationId = "getAiResult", summary = "Read an AI result by its input's hash")
    @APIResponseSchema(value = AiResult.class, responseDescription = "The stored result")
    @APIResponse(responseCode = "404", description = "Not Found: no result stored for that hash")
    public Uni<AiResult> get(@Parameter(schema = @Schema(enumeration = {"embedding", "rag", "ai-response", "analysis", "chat"}))
            @RestPath String namespace,
            @Parameter(description = "SHA-256 of the input",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9a-fA-F]{64}$")) @RestPath String hash) {
        AiNamespace ns = namespace(namespace);
        String key = hash(hash);
        return results.get(ns, key)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("AI result " + ns + "/" + key));
    }

    /** Stores (or replaces) the result; the body is {@code {"value": ..., "model": "..."}}. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "putAiResult", summary = "Store or replace an AI result (admin or service tokens)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AiResultRequest.class)))
    public Uni<AiResult> put(@Parameter(schema = @Schema(enumeration = {"embedding", "rag", "ai-response", "analysis", "chat"}))
            @RestPath String namespace,
            @Parameter(description = "SHA-256 of the input",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9a-fA-F]{64}$")) @RestPath String hash, byte[] body) {
        AiNamespace ns = namespace(namespace);
        String key = hash(hash);
        if (body.length > config.maxBodyBytes()) {
            throw new ProblemException(413, "Content Too Large",
                    "An AI result may have at most " + config.maxBodyBytes() + " bytes");
        }
        AiResultRequest request;
        try {
            request = mapper.readValue(body, AiResultRequest.class);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("value", "the body must be {\"value\": ..., \"model\": ...}");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        if (request == null) {
            throw ProblemException.badRequest("value", "must not be empty");
        }
        if (request.model() != null && request.model().length() > 200) {
            throw ProblemException.badRequest("model", "must have at most 200 characters");
        }
        return results.put(ns, key, request);
    }

    private static AiNamespace namespace(String namespace) {
        return AiNamespace.byLabel(namespace).orElseThrow(() -> ProblemException.badRequest("namespace",
                "must be one of " + NAMESPACES));
    }

    private static String hash(String hash) {
        if (!SHA_256.matcher(hash).matches()) {
            throw ProblemException.badRequest("hash", "must be a SHA-256 in 64 hexadecimal characters");
        }
        return hash.toLowerCase(Locale.ROOT);
    }
}
