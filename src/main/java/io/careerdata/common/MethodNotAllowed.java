package io.careerdata.common;

import jakarta.inject.Inject;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A path the service has, asked with a method it does not have, is a 405 naming the methods in
 * {@code Allow}, on every route: the REST layer's routing answers some of them 404 (see
 * {@link RouteTable}). The service's own "not found" answers are {@link ProblemException}s, so a
 * bare {@link NotFoundException} is always the routing's.
 */
public class MethodNotAllowed {

    @Inject
    RouteTable routes;

    @ServerExceptionMapper
    public Response unrouted(NotFoundException e, UriInfo uri, Request request) {
        Set<String> allowed = routes.methodsAt(uri.getPath());
        if (allowed.isEmpty() || allowed.contains(request.getMethod())) {
            return ProblemMappers.respond(Problem.of(404, "Not Found", "The resource was not found"));
        }
        return notAllowed(allowed);
    }

    /** The routing's own 405s carry no {@code Allow}: the route table supplies it. */
    @ServerExceptionMapper
    public Response wrongMethod(NotAllowedException e, UriInfo uri) {
        return notAllowed(routes.methodsAt(uri.getPath()));
    }

    private static Response notAllowed(Set<String> allowed) {
        return Response.status(405)
                .header(HttpHeaders.ALLOW, String.join(", ", allowed))
                .entity(Problem.of(405, "Method Not Allowed", "The method is not allowed for this resource"))
                .type(Problem.MEDIA_TYPE)
                .build();
    }
}
