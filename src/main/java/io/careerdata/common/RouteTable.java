package io.careerdata.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import io.quarkus.smallrye.openapi.runtime.OpenApiConstants;
import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.smallrye.openapi.runtime.io.Format;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The service's routes (path templates and their methods), read once at start-up from the API
 * document the build made from the resources: what answers 405 with an {@code Allow} header where
 * the REST layer's own routing finds no method and answers 404 (it gives up on a path such as
 * {@code /users/{userId}/skills} when another class owns {@code /users/{userId}}).
 */
@Startup // parsed before the first request, not by the first unrouted one on an event loop
@Singleton
public class RouteTable {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    /** One documented path, as a pattern over the request path, with the methods it has. */
    record Route(String template, Pattern pattern, Set<String> methods) {
    }

    @Inject
    OpenApiDocumentService documents;

    private List<Route> routes;

    @PostConstruct
    void read() {
        JsonNode paths;
        try {
            paths = new ObjectMapper().readTree(documents.getDocument(OpenApiConstants.DEFAULT_DOCUMENT_NAME, Format.JSON))
                    .path("paths");
        } catch (IOException e) {
            throw new UncheckedIOException("The API document cannot be read", e);
        }
        List<Route> read = new ArrayList<>();
        paths.fields().forEachRemaining(path -> {
            Set<String> methods = new TreeSet<>();
            path.getValue().fieldNames().forEachRemaining(name -> {
                if (METHODS.contains(name)) {
                    methods.add(name.toUpperCase(Locale.ROOT));
                }
            });
            if (methods.contains("GET")) {
                methods.add("HEAD");
            }
            read.add(new Route(path.getKey(), toPattern(path.getKey()), Set.copyOf(methods)));
        });
        routes = List.copyOf(read);
    }

    /** "/a/{id}/b" matches "/a/<one segment>/b". */
    private static Pattern toPattern(String template) {
        StringBuilder regex = new StringBuilder();
        for (String part : template.split("\\{[^}/]+}", -1)) {
            if (!regex.isEmpty()) {
                regex.append("[^/]+");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    /** The methods of every route whose template matches {@code path} (empty for an unknown path), in order. */
    public Set<String> methodsAt(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        Set<String> methods = new TreeSet<>();
        for (Route route : routes) {
            if (route.pattern().matcher(trimmed).matches()) {
                methods.addAll(route.methods());
            }
        }
        return methods;
    }
}
