package io.careerdata.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a request into an {@code application/problem+json} answer. Clients see a
 * status, a title and a detail written for them: never a class name, a stack trace or SQL.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.toProblem());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(new Problem(Problem.typeFor(400), "Bad Request", 400, "The request is not valid", errors));
    }

    @ServerExceptionMapper
    public Response wrongValue(InvalidFormatException e) {
        Class<?> target = e.getTargetType();
        String message = target != null && target.isEnum()
                ? "must be one of " + Arrays.stream(target.getEnumConstants())
                        .map(c -> c.toString().toLowerCase()).collect(Collectors.joining(", "))
                : "has the wrong format or type";
        return badBody(e, message);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return badBody(e, "has the wrong type");
    }

    @ServerExceptionMapper
    public Response unstorable(StorableInput.Rejected e) {
        return badBody(e, e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response tooDeep(StreamConstraintsException e) {
        return respond(Problem.of(400, "Bad Request", "The request body is nested too deeply or is too large"));
    }

    /** A number too large for its field's type (an int column given 1e20): named by the parser's position. */
    @ServerExceptionMapper
    public Response outOfRange(InputCoercionException e) {
        String field = currentField(e);
        return field == null
                ? respond(Problem.of(400, "Bad Request", "A number of the request body is out of range"))
                : respond(new Problem(Problem.typeFor(400), "Bad Request", 400, "The request body is not valid",
                        List.of(new Problem.FieldError(field, "is out of range for its type"))));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return badBody(mapping, "is not valid");
        }
        return respond(Problem.of(400, "Bad Request", "The request body is not well-formed JSON"));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(Problem.of(403, "Forbidden", "This operation is not allowed for the caller's role"));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getResponse().getEntity() instanceof Problem) {
            return e.getResponse();
        }
        // the JSON reader wraps what it does not pass on as it is (a number out of range, a bad date)
        if (status == 400 && e.getCause() instanceof InputCoercionException coercion) {
            return outOfRange(coercion);
        }
        if (status == 400 && e.getCause() instanceof JsonMappingException mapping) {
            return badBody(mapping, "is not valid");
        }
        if (status >= 500) {
            return unexpected(e);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type != null ? type.getReasonPhrase() : "Error";
        Response.ResponseBuilder answer = Response.fromResponse(e.getResponse())
                .entity(Problem.of(status, title, detailFor(status)))
                .type(Problem.MEDIA_TYPE);
        return answer.build();
    }

    @ServerExceptionMapper
    public Response database(org.hibernate.exception.ConstraintViolationException e) {
        return switch (e.getKind()) {
            case UNIQUE -> respond(Problem.of(409, "Conflict", "A record with the same unique value exists already"));
            case FOREIGN_KEY -> respond(Problem.of(409, "Conflict", "The record refers to, or is referred to by, another record"));
            case CHECK, NOT_NULL -> respond(Problem.of(400, "Bad Request", "A value is outside what the field allows"));
            default -> unexpected(e);
        };
    }

    /**
     * PostgreSQL's data exceptions (class 22: a number beyond its column's precision, a date out of
     * range, text it cannot encode): the value came from the request, so the client is told.
     */
    @ServerExceptionMapper
    public Response dataOutOfRange(org.hibernate.exception.DataException e) {
        return respond(Problem.of(400, "Bad Request", "A value is outside what the field allows"));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        if (DatabaseUnavailable.causedBy(e)) {
            // one line, no stack: during an outage every request would log one
            LOG.warnf("Answered 503: PostgreSQL is not reachable (%s)", e.getMessage());
            return Response.status(503).header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS)
                    .entity(Problem.of(503, "Service Unavailable", "The database cannot be reached; try again shortly"))
                    .type(Problem.MEDIA_TYPE).build();
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Request failed (reference %s)", reference);
        return respond(Problem.of(500, "Internal Server Error",
                "The service could not complete the request (reference " + reference + ")"));
    }

    private static Response unauthenticated() {
        return Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(Problem.of(401, "Unauthorized", "A valid bearer token is required"))
                .type(Problem.MEDIA_TYPE)
                .build();
    }

    private static Response badBody(JsonMappingException e, String message) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (field.isEmpty()) {
            field = currentField(e);
        }
        if (field == null || field.isEmpty()) {
            return respond(Problem.of(400, "Bad Request", "The request body does not have the expected shape"));
        }
        return respond(new Problem(Problem.typeFor(400), "Bad Request", 400, "The request body is not valid",
                List.of(new Problem.FieldError(field, message))));
    }

    /** The field the parser stood on when a value failed without a path of its own, or null. */
    private static String currentField(JsonProcessingException e) {
        return e.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null
                ? parser.getParsingContext().getCurrentName() : null;
    }

    /** "create.body.email" becomes "email"; "list.size" (a query parameter) becomes "size". */
    private static String fieldOf(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        if (parts.length >= 3) {
            return String.join(".", Arrays.copyOfRange(parts, 2, parts.length));
        }
        return parts[parts.length - 1];
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 404 -> "The resource was not found";
            case 405 -> "The method is not allowed for this resource";
            case 406 -> "The requested media type cannot be produced";
            case 413 -> "The request body is too large";
            case 415 -> "The request body must be application/json";
            default -> "The request could not be served";
        };
    }

    static Response respond(Problem problem) {
        // expected answers, never worth more than a debug line: the client has the detail
        LOG.debugf("Answered %d: %s", problem.status(), problem.detail());
        return Response.status(problem.status()).entity(problem).type(Problem.MEDIA_TYPE).build();
    }
}
