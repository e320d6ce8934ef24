package io.careerdata.common;

import java.util.List;

/** Thrown by services to end a request with a problem answer of a chosen status. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = errors;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "Not Found", what + " was not found");
    }

    public static ProblemException badRequest(String field, String message) {
        return new ProblemException(400, "Bad Request", "The request is not valid",
                List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public Problem toProblem() {
        return new Problem(Problem.typeFor(status), title, status, getMessage(), errors);
    }
}
