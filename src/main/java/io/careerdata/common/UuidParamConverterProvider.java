package io.careerdata.common;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.UUID;

/** A malformed id in a path or query is the client's mistake: 400, not the 404 that JAX-RS defaults to. */
@Provider
public class UuidParamConverterProvider implements ParamConverterProvider {

    private static final ParamConverter<UUID> CONVERTER = new ParamConverter<>() {
        @Override
        public UUID fromString(String value) {
            if (value == null) {
                return null;
            }
            try {
                if (value.length() == 36) {
                    return UUID.fromString(value);
                }
            } catch (IllegalArgumentException ignored) {
                // answered below
            }
            // a WebApplicationException is the one failure JAX-RS passes on as it is (others become 404)
            Problem problem = ProblemException.badRequest("id", "'" + abbreviate(value) + "' is not a valid UUID")
                    .toProblem();
            throw new BadRequestException(ProblemMappers.respond(problem));
        }

        @Override
        public String toString(UUID value) {
            return value.toString();
        }
    };

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        return rawType == UUID.class ? (ParamConverter<T>) CONVERTER : null;
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}
