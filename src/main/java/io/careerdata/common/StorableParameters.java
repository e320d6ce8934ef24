package io.careerdata.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The text rule of {@link StorableInput} for the path and the query string: a NUL ({@code %00}) or
 * an unpaired surrogate in any of them is a 400 before routing, so no parameter read as text (a
 * search term, a backup id, an index name) can carry one to PostgreSQL or to a file name.
 */
public class StorableParameters {

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        String pathProblem = StorableInput.problemWith(request.getUriInfo().getPath(true));
        if (pathProblem != null) {
            return ProblemMappers.respond(ProblemException.badRequest("path", pathProblem).toProblem());
        }
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters(true).entrySet()) {
            String keyProblem = StorableInput.problemWith(parameter.getKey());
            if (keyProblem != null) { // the key itself cannot be named in the answer
                return ProblemMappers.respond(ProblemException.badRequest("query", keyProblem).toProblem());
            }
            for (String value : parameter.getValue()) {
                String problem = StorableInput.problemWith(value);
                if (problem != null) {
                    return ProblemMappers.respond(ProblemException.badRequest(parameter.getKey(), problem).toProblem());
                }
            }
        }
        return null;
    }
}
