package io.careerdata.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.careerdata.export.ExportCatalog.Category;
import io.careerdata.export.ExportCatalog.Kind;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The catalog against the live schema (every migration applied): each table that holds a person's
 * data is exported, with every column, of the right kind and nullability. A migration that adds
 * personal data fails here until the export covers it.
 */
@QuarkusTest
class ExportCatalogTest {

    /** Tables with a user id that are not the person's data: the export's own bookkeeping and the erasure memory. */
    private static final Set<String> NOT_PERSONAL_DATA = Set.of("export_jobs", "erased_users");

    private static final Map<String, Kind> KIND_OF_TYPE = Map.ofEntries(
            Map.entry("uuid", Kind.UUID), Map.entry("text", Kind.TEXT), Map.entry("character", Kind.TEXT),
            Map.entry("character varying", Kind.TEXT), Map.entry("integer", Kind.INTEGER),
            Map.entry("bigint", Kind.INTEGER), Map.entry("smallint", Kind.INTEGER), Map.entry("numeric", Kind.DECIMAL),
            Map.entry("double precision", Kind.DOUBLE), Map.entry("real", Kind.DOUBLE),
            Map.entry("boolean", Kind.BOOLEAN), Map.entry("timestamp with time zone", Kind.TIMESTAMP),
            Map.entry("date", Kind.DATE), Map.entry("jsonb", Kind.JSON), Map.entry("json", Kind.JSON));

    @Inject
    Pool pool;

    @Test
    void shouldExportEveryTableThatNamesAPerson() {
        Set<String> personal = new TreeSet<>();
        for (Row row : query("SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = 'public'"
                + " AND column_name IN ('user_id', 'subject_user_id')")) {
            personal.add(row.getString("table_name"));
        }
        personal.removeAll(NOT_PERSONAL_DATA);
        personal.add("users");
        personal.add("resume_versions"); // owned through resumes

        Set<String> exported = ExportCatalog.categories(ExportScope.all).stream().map(Category::table)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(exported).containsAll(personal);
    }

    @Test
    void shouldDeclareEveryColumnWithItsKindAndNullability() {
        for (Category category : ExportCatalog.categories(ExportScope.all)) {
            Map<String, String> live = new LinkedHashMap<>();
            for (Row row : query("SELECT column_name, data_type, is_nullable FROM information_schema.columns"
                    + " WHERE table_schema = 'public' AND table_name = '" + category.table() + "' ORDER BY ordinal_position")) {
                live.put(row.getString("column_name"), KIND_OF_TYPE.get(row.getString("data_type"))
                        + ("YES".equals(row.getString("is_nullable")) ? "" : "!"));
            }
            Map<String, String> declared = new LinkedHashMap<>();
            category.columns().forEach(c -> declared.put(c.name(), c.kind() + (c.nullable() ? "" : "!")));
            assertThat(declared).as(category.table()).containsExactlyInAnyOrderEntriesOf(live);
        }
    }

    @Test
    void shouldNameCategoriesAndColumnsAsValidXmlAndStableIdentifiers() {
        for (Category category : ExportCatalog.categories(ExportScope.all)) {
            assertThat(category.name()).matches("[a-z][a-z_]*");
            category.columns().forEach(c -> assertThat(c.name()).matches("[a-z][a-z_]*"));
            assertThat(category.sql()).containsOnlyOnce("?");
        }
    }

    private Iterable<Row> query(String sql) {
        return pool.query(sql).execute().await().atMost(ExportFixture.WAIT);
    }
}
