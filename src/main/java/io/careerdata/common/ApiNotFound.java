package io.careerdata.common;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** A path under /api that no resource serves gets the same problem answer as any other 404. */
@ApplicationScoped
public class ApiNotFound {

    void register(@Observes Router router) {
        router.route("/api/*").order(Integer.MAX_VALUE).handler(context -> context.response()
                .setStatusCode(404)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Json.encode(Problem.of(404, "Not Found", "No resource at this path"))));
    }
}
