package io.careerdata.maintenance;

/**
 * An index as a migration creates it.
 *
 * @param statement the migration's own CREATE INDEX statement, without the closing semicolon
 */
public record DeclaredIndex(String name, String table, boolean unique, String statement) {

    /** The migration's statement, built without blocking writes (it must run outside a transaction). */
    public String concurrentStatement() {
        return MigrationIndexParser.HEAD.matcher(statement)
                .replaceFirst(m -> "CREATE " + (m.group(1) == null ? "" : "UNIQUE ") + "INDEX CONCURRENTLY ");
    }
}
