package io.careerdata.maintenance;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] name ON [ONLY] table ...;} and
 * {@code DROP INDEX [IF EXISTS] name} in a migration script. Comments are removed first; the
 * service's migrations keep dollar-quoted bodies free of index statements, which this relies on.
 */
final class MigrationIndexParser {

    static final Pattern HEAD = Pattern.compile(
            "(?i)^CREATE\\s+(UNIQUE\\s+)?INDEX\\s+(?:CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?");
    private static final Pattern CREATE = Pattern.compile(
            "(?is)\\bCREATE\\s+(UNIQUE\\s+)?INDEX\\s+(?:CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?"
                    + "(\"?[\\w$]+\"?)\\s+ON\\s+(?:ONLY\\s+)?(?:[\\w$]+\\.)?(\"?[\\w$]+\"?)[^;]*");
    private static final Pattern DROP = Pattern.compile(
            "(?is)\\bDROP\\s+INDEX\\s+(?:CONCURRENTLY\\s+)?(?:IF\\s+EXISTS\\s+)?(?:[\\w$]+\\.)?(\"?[\\w$]+\"?)");
    private static final Pattern LINE_COMMENT = Pattern.compile("--[^\\n]*");
    private static final Pattern BLOCK_COMMENT = Pattern.compile("(?s)/\\*.*?\\*/");

    private MigrationIndexParser() {
    }

    /** Adds the script's indexes to {@code declared} and removes those it drops, in script order. */
    static void apply(String script, Map<String, DeclaredIndex> declared) {
        String sql = BLOCK_COMMENT.matcher(LINE_COMMENT.matcher(script).replaceAll("")).replaceAll("");
        Matcher create = CREATE.matcher(sql);
        Matcher drop = DROP.matcher(sql);
        int at = 0;
        while (true) {
            boolean c = create.find(at);
            int createAt = c ? create.start() : Integer.MAX_VALUE;
            boolean d = drop.find(at);
            int dropAt = d ? drop.start() : Integer.MAX_VALUE;
            if (!c && !d) {
                return;
            }
            if (createAt < dropAt) {
                String name = identifier(create.group(2));
                String statement = create.group().trim().replaceAll("\\s+", " ");
                declared.put(name, new DeclaredIndex(name, identifier(create.group(3)), create.group(1) != null, statement));
                at = create.end();
            } else {
                declared.remove(identifier(drop.group(1)));
                at = drop.end();
            }
        }
    }

    /** Unquoted identifiers fold to lower case, as PostgreSQL folds them. */
    private static String identifier(String raw) {
        return raw.startsWith("\"") ? raw.substring(1, raw.length() - 1) : raw.toLowerCase(Locale.ROOT);
    }
}
