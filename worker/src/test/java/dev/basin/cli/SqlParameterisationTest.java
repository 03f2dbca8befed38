package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Part 9: every SQL statement in Basin's main code is parameterised.
 *
 * <p>The rule, checked on the source text of every {@code src/main/java} file that imports
 * {@code java.sql} or JDBI ({@code org.jdbi}): the SQL handed to JDBC ({@code prepareStatement},
 * {@code prepareCall}, {@code executeQuery}, {@code executeUpdate}, {@code executeLargeUpdate},
 * {@code execute}, {@code addBatch}) or to JDBI ({@code createQuery}, {@code createUpdate},
 * {@code createCall}, {@code createScript}, {@code prepareBatch}, {@code select}) is built only from
 * string literals, text blocks and UPPER_CASE constants
 * (themselves built the same way, in the same file), joined with {@code +}. Values travel as
 * {@code ?} parameters. Two kinds of exception are listed here by name, each with its reason:
 * <ul>
 *   <li>a <em>delegate</em>: a parameter that carries SQL into JDBC, such as {@code Jdbc.query}'s
 *       {@code sql}; the rule is then checked at every call of the method that receives it;</li>
 *   <li>{@code basin sql}'s user statement, which is the user's own query by design: it runs in a
 *       READ ONLY transaction that is always rolled back, one statement at a time (SqlQuery).</li>
 * </ul>
 * The check is textual, not a Java parser: simple, and strict (a string built any other way fails it).
 */
class SqlParameterisationTest {
    private static final Pattern JDBC_CALL = Pattern.compile(
            "\\.(prepareStatement|prepareCall|executeQuery|executeUpdate|executeLargeUpdate|execute|addBatch"
                    + "|createQuery|createUpdate|createCall|createScript|prepareBatch|select)\\s*\\(");
    private static final Pattern CONSTANT = Pattern.compile("(?:[A-Z][A-Za-z0-9]*\\.)?([A-Z][A-Z0-9_]*)");

    /** file name -> parameter that carries SQL -> the calls whose argument is checked instead (name, index). */
    private static final Map<String, Map<String, Call>> DELEGATES = Map.of(
            "Jdbc.java", Map.of("sql", new Call("\\bJdbc\\.(?:query(?:One)?|update|batch)\\s*\\(", 1)),
            "StudyStore.java", Map.of("upsert", new Call("\\brecordMetrics\\s*\\(", 0)));
    private static final Set<String> USER_STATEMENT = Set.of("SqlQuery.java:statement");

    /** A literal that starts an SQL statement, as opposed to a message that merely uses an SQL word. */
    private static final Pattern SQL_START = Pattern.compile("(?is)^\"+\\s*(select\\s|insert\\s+into|update\\s+\\w+\\s+set"
            + "|delete\\s+from|alter\\s+(role|table)|create\\s+(role|table|database|index)|drop\\s|grant\\s|truncate\\s).*");
    /**
     * Values spliced into SQL outside JDBC, each with its reason: the embedded PostgreSQL's bootstrap
     * sets passwords in single-user mode, where utility statements take no parameters; Credentials
     * refuses any secret that is not 16+ letters and digits (CredentialsTest).
     */
    private static final Set<String> SPLICED = Set.of(
            "PostgresBootstrap.java:credentials.postgresPassword()", "PostgresBootstrap.java:credentials.dbPassword()");
    private static final Pattern OPERAND = Pattern.compile("[A-Za-z_][\\w.]*(?:\\([^()]*\\))?");
    /**
     * The report's figure queries ({@code report/sections}): each is shown to the reader as the {@code basin sql}
     * command that reproduces the figure, so it must be runnable text, with its values inlined. They run as
     * {@code basin sql} runs a user's statement (StudyContext.query: the read-only role, a READ ONLY transaction
     * that is rolled back). Their one value, the study's name, is quoted by {@code ReportContext.literal} (quotes
     * doubled, NUL refused), which {@link #reportQueriesQuoteTheStudyOnlyThroughLiteral} checks; their other
     * operands are column names and filters chosen from the spec.
     */
    private static final Path REPORT_QUERIES = Path.of("report", "sections");

    /** @param pattern matches a call up to and including its opening parenthesis */
    record Call(String pattern, int argument) {}

    record Site(Path file, int line, String argument) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + argument;
        }
    }

    @Test
    void everySqlTextInMainCodeIsConstant() throws IOException {
        List<Path> files = mainFiles(true);
        assertTrue(files.stream().anyMatch(f -> f.endsWith("StudyStore.java")), "the scan must see the db module: " + files);
        List<Site> bad = new ArrayList<>();
        int checked = 0;
        for (Path file : files) {
            String source = JavaText.withoutComments(Files.readString(file));
            String name = file.getFileName().toString();
            Map<String, Call> delegates = DELEGATES.getOrDefault(name, Map.of());
            for (Site site : arguments(file, source, JDBC_CALL, 0)) {
                checked++;
                String arg = site.argument().strip();
                if (arg.isEmpty() || delegates.containsKey(arg) || USER_STATEMENT.contains(name + ":" + arg)) {
                    continue;
                }
                if (!constant(arg, source)) {
                    bad.add(site);
                }
            }
        }
        for (Map<String, Call> byFile : DELEGATES.values()) {
            for (Call call : byFile.values()) {
                Pattern p = Pattern.compile(call.pattern());
                for (Path file : files) {
                    String source = JavaText.withoutComments(Files.readString(file));
                    for (Site site : arguments(file, source, p, call.argument())) {
                        checked++;
                        if (!site.argument().isBlank() && !constant(site.argument().strip(), source)
                                && !isDeclaration(site.argument())) {
                            bad.add(site);
                        }
                    }
                }
            }
        }
        assertTrue(checked > 20, "the scan found only " + checked + " SQL sites: is it looking at the right files?");
        assertEquals(List.of(), bad, "SQL text built from something other than literals and constants");
    }

    /** SQL built anywhere in main code (not only for JDBC) splices in constants only, or is listed in SPLICED. */
    @Test
    void noSqlLiteralIsConcatenatedWithAValue() throws IOException {
        List<String> bad = new ArrayList<>();
        int statements = 0;
        for (Path file : mainFiles(false)) {
            String source = JavaText.withoutComments(Files.readString(file));
            String name = file.getFileName().toString();
            if (file.getParent().endsWith(REPORT_QUERIES)) {
                continue;
            }
            int resume = 0;
            for (JavaText.Span span : JavaText.literals(source)) {
                String literal = source.substring(span.start(), span.end());
                if (span.start() < resume || !SQL_START.matcher(literal).matches()) {
                    continue;
                }
                statements++;
                int end = JavaText.statementEnd(source, span.start());
                String rest = JavaText.withoutStrings(source.substring(span.start(), end));
                // Operands of '+' up to the end of the enclosing expression: at the first ')' or ','
                // that closes it, the SQL text is complete.
                int close = firstUnbalanced(rest);
                for (String part : rest.substring(0, close).split("\\+")) {
                    String operand = part.strip();
                    if (operand.isEmpty()) {
                        continue;
                    }
                    Matcher m = OPERAND.matcher(operand);
                    if (!(m.matches() && constant(operand, source)) && !SPLICED.contains(name + ":" + operand)) {
                        bad.add(file + ": " + literal.lines().findFirst().orElse("") + " ... + " + operand);
                    }
                }
                resume = end;
            }
        }
        assertTrue(statements > 10, "the scan found only " + statements + " SQL literals");
        assertEquals(List.of(), bad, "SQL text concatenated with a value");
    }

    /** In the report's queries, the study's name reaches SQL only through {@code ReportContext.literal}. */
    @Test
    void reportQueriesQuoteTheStudyOnlyThroughLiteral() throws IOException {
        List<String> bad = new ArrayList<>();
        int files = 0;
        for (Path file : mainFiles(false)) {
            if (!file.getParent().endsWith(REPORT_QUERIES)) {
                continue;
            }
            files++;
            String source = JavaText.withoutStrings(JavaText.withoutComments(Files.readString(file)));
            Matcher m = Pattern.compile("\\bstudy\\(\\)").matcher(source);
            while (m.find()) {
                String before = source.substring(Math.max(0, m.start() - 40), m.start());
                if (!before.matches("(?s).*ReportContext\\.literal\\(\\s*\\w+\\.$")) {
                    bad.add(file.getFileName() + ": ..." + before + "study()");
                }
            }
        }
        assertTrue(files > 5, "the scan found only " + files + " report section files");
        assertEquals(List.of(), bad, "the study's name spliced into a report query without ReportContext.literal");
    }

    private static int firstUnbalanced(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth-- == 0 || c == ',' && depth == 0) {
                return i;
            }
        }
        return text.length();
    }

    @Test
    void theRuleCatchesConcatenatedValues() {
        String source = "class X { static final String T = \"select 1\"; void f() { st.executeQuery(\"select * from t where n = '\" + name + \"'\"); ps.execute(T);"
                + " h.createQuery(\"select * from t where n = '\" + name + \"'\").mapTo(Row.class); h.createUpdate(T); }}";
        List<Site> sites = arguments(Path.of("X.java"), source, JDBC_CALL, 0);
        assertEquals(4, sites.size());
        assertTrue(!constant(sites.get(0).argument(), source), sites.get(0).toString());
        assertTrue(constant(sites.get(1).argument(), source), sites.get(1).toString());
        assertTrue(!constant(sites.get(2).argument(), source), "JDBI: " + sites.get(2));
        assertTrue(constant(sites.get(3).argument(), source), "JDBI: " + sites.get(3));
        assertTrue(!constant("\"select \" + String.format(\"%s\", x)", source));
        assertTrue(!constant("\"\"\"\n select %s \"\"\".formatted(x)", source));
    }

    /** Literals, text blocks and constants joined with {@code +}; each constant declared that way in {@code source}. */
    static boolean constant(String expression, String source) {
        String rest = JavaText.withoutStrings(expression).strip();
        if (rest.isEmpty()) {
            return true;
        }
        for (String part : rest.split("\\+", -1)) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue; // between two literals
            }
            Matcher m = CONSTANT.matcher(p);
            if (!m.matches()) {
                return false;
            }
            Matcher decl = Pattern.compile("static\\s+final\\s+String\\s+" + m.group(1) + "\\s*=\\s*").matcher(source);
            if (decl.find()) {
                int end = JavaText.statementEnd(source, decl.end());
                if (!constant(source.substring(decl.end(), end), source)) {
                    return false;
                }
            } else if (!m.group(0).contains(".")) {
                return false; // an upper-case name that is not a String constant of this file
            }
        }
        return true;
    }

    /** The method's own declaration ({@code query(Database db, String sql, ...)}) is not a call. */
    private static boolean isDeclaration(String argument) {
        return argument.strip().startsWith("String ");
    }

    /** The {@code index}-th argument of every match of {@code call} (whose match ends at the opening parenthesis). */
    static List<Site> arguments(Path file, String source, Pattern call, int index) {
        List<Site> sites = new ArrayList<>();
        Matcher m = call.matcher(source);
        while (m.find()) {
            List<String> args = JavaText.arguments(source, m.end());
            if (index < args.size() || (index == 0 && args.isEmpty())) {
                int line = (int) source.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                sites.add(new Site(file, line, args.isEmpty() ? "" : args.get(index)));
            }
        }
        return sites;
    }

    /** Main sources of every module (those using JDBC or JDBI, with {@code jdbc}); the tests run in worker/, a sibling. */
    private static List<Path> mainFiles(boolean jdbc) throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path main : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> walk = Files.walk(main)) {
                    for (Path f : walk.filter(f -> f.toString().endsWith(".java")).toList()) {
                        String text = Files.readString(f);
                        if (!jdbc || text.contains("import java.sql.") || text.contains("import org.jdbi.")) {
                            files.add(f);
                        }
                    }
                }
            }
        }
        return files;
    }
}
