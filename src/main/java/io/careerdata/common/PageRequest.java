package io.careerdata.common;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The {@code page} and {@code size} query parameters; a malformed or oversize one is a 400. Read as
 * text and parsed here (JAX-RS would answer 404 for a number it cannot convert); the document
 * describes them as the integers they are.
 */
public class PageRequest {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    @QueryParam("page")
    @Parameter(description = "The page, from 0",
            schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0", maximum = "1000000", defaultValue = "0"))
    String page;

    @QueryParam("size")
    @Parameter(description = "Items per page",
            schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "100", defaultValue = "20"))
    String size;

    public static PageRequest of(int page, int size) {
        PageRequest request = new PageRequest();
        request.page = String.valueOf(page);
        request.size = String.valueOf(size);
        return request;
    }

    public int page() {
        return parse("page", page, 0, 0, 1_000_000);
    }

    public int size() {
        return parse("size", size, DEFAULT_SIZE, 1, MAX_SIZE);
    }

    private static int parse(String name, String raw, int fallback, int min, int max) {
        Integer parsed = QueryParams.parse(name, raw, Integer::valueOf, "a whole number");
        if (parsed == null) {
            return fallback;
        }
        int value = parsed;
        if (value < min || value > max) {
            throw ProblemException.badRequest(name, "must be between " + min + " and " + max);
        }
        return value;
    }
}
