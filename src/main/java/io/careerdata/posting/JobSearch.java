package io.careerdata.posting;

import io.careerdata.common.ProblemException;
import io.careerdata.common.QueryParams;
import jakarta.ws.rs.QueryParam;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The filters and order of a job search. {@code salaryMin} keeps postings that may pay at least
 * that much (their maximum reaches it); {@code salaryMax} keeps those that start at most there.
 */
public class JobSearch {

    private static final Map<String, String> SORTABLE = Map.of(
            "postedDate", "postedDate", "salaryMin", "salaryMin", "salaryMax", "salaryMax",
            "title", "title", "company", "company", "createdAt", "createdAt");

    @QueryParam("title")
    @Parameter(description = "Title contains this, case-insensitive")
    public String title;

    @QueryParam("company")
    @Parameter(description = "Company contains this, case-insensitive")
    public String company;

    @QueryParam("location")
    @Parameter(description = "Location equals this, case-insensitive")
    public String location;

    @QueryParam("source")
    @Parameter(description = "Where the posting came from, exactly")
    public String source;

    @QueryParam("salaryMin")
    @Parameter(description = "Postings whose maximum salary reaches this", schema = @Schema(type = SchemaType.NUMBER))
    public String salaryMin;

    @QueryParam("salaryMax")
    @Parameter(description = "Postings whose minimum salary is at most this", schema = @Schema(type = SchemaType.NUMBER))
    public String salaryMax;

    @QueryParam("postedAfter")
    @Parameter(description = "Posted on or after this day", schema = @Schema(type = SchemaType.STRING, format = "date"))
    public String postedAfter;

    @QueryParam("postedBefore")
    @Parameter(description = "Posted on or before this day", schema = @Schema(type = SchemaType.STRING, format = "date"))
    public String postedBefore;

    /** A field name, "-" in front for descending; default: newest postings first. */
    @QueryParam("sort")
    @Parameter(description = "Order: a field, '-' in front for descending", schema = @Schema(type = SchemaType.STRING,
            defaultValue = "-postedDate", enumeration = {"postedDate", "-postedDate", "salaryMin", "-salaryMin", "salaryMax",
                "-salaryMax", "title", "-title", "company", "-company", "createdAt", "-createdAt"}))
    public String sort;

    /** The HQL condition and order, with its parameters. Validates every parameter. */
    record Query(String where, String orderBy, Map<String, Object> parameters) {
    }

    Query toQuery() {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        if (present(title)) {
            conditions.add("title ilike :title escape '\\'");
            parameters.put("title", contains(title));
        }
        if (present(company)) {
            conditions.add("company ilike :company escape '\\'");
            parameters.put("company", contains(company));
        }
        if (present(location)) {
            conditions.add("lower(location) = lower(:location)");
            parameters.put("location", location.trim());
        }
        if (present(source)) {
            conditions.add("source = :source");
            parameters.put("source", source.trim());
        }
        BigDecimal min = QueryParams.parse("salaryMin", salaryMin, BigDecimal::new, "a number");
        if (min != null) {
            conditions.add("salaryMax >= :salaryMin");
            parameters.put("salaryMin", min);
        }
        BigDecimal max = QueryParams.parse("salaryMax", salaryMax, BigDecimal::new, "a number");
        if (max != null) {
            conditions.add("salaryMin <= :salaryMax");
            parameters.put("salaryMax", max);
        }
        LocalDate after = QueryParams.parse("postedAfter", postedAfter, LocalDate::parse, "a date (YYYY-MM-DD)");
        if (after != null) {
            conditions.add("postedDate >= :postedAfter");
            parameters.put("postedAfter", after);
        }
        LocalDate before = QueryParams.parse("postedBefore", postedBefore, LocalDate::parse, "a date (YYYY-MM-DD)");
        if (before != null) {
            conditions.add("postedDate <= :postedBefore");
            parameters.put("postedBefore", before);
        }
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        return new Query(where, orderBy(), parameters);
    }

    private String orderBy() {
        String requested = present(sort) ? sort.trim() : "-postedDate";
        boolean descending = requested.startsWith("-");
        String field = SORTABLE.get(descending ? requested.substring(1) : requested);
        if (field == null) {
            throw ProblemException.badRequest("sort", "must be one of " + String.join(", ", SORTABLE.keySet().stream().sorted().toList())
                    + ", optionally prefixed with '-'");
        }
        return " order by " + field + (descending ? " desc nulls last" : " asc nulls last") + ", id";
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** "%value%" with the LIKE wildcards of the input escaped. */
    private static String contains(String value) {
        return "%" + value.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
