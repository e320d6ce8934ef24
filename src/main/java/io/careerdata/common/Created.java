package io.careerdata.common;

import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;

/** 201 Created with the new resource's location and body. */
public final class Created {

    private Created() {
    }

    public static <T> RestResponse<T> at(UriInfo uri, Object id, T body) {
        RestResponse.ResponseBuilder<T> builder = RestResponse.ResponseBuilder.created(
                uri.getAbsolutePathBuilder().path(id.toString()).build());
        return builder.entity(body).build();
    }
}
