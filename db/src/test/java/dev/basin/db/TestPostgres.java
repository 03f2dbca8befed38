package dev.basin.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;

/** One real PostgreSQL for the whole test JVM; every test class gets a fresh database in it. */
final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    /** A new, empty database (not migrated). */
    static synchronized Database freshDatabase() {
        try {
            if (server == null) {
                Path root = Files.createDirectories(Path.of("target", "test-pg"));
                server = EmbeddedPostgres.builder()
                        .setOverrideWorkingDirectory(root.resolve("bin").toFile())
                        .setDataDirectory(Files.createTempDirectory(root, "data"))
                        .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                        .setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
                        .start();
            }
            String name = "t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                // A database name cannot be a bind parameter; this one is built from numbers only.
                st.execute("create database " + name);
            }
            return new Database(new DbConfig("jdbc:postgresql://localhost:" + server.getPort() + "/" + name,
                    "postgres", "unused-with-trust-auth"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Database migratedDatabase() {
        Database db = freshDatabase();
        db.migrate();
        return db;
    }

    /**
     * A new database migrated by the versioned migrations up to {@code version} only, as a Basin of that
     * schema version left it. Flyway applies repeatable migrations whatever the target, and R__views.sql
     * reads tables of the newest version, so no file counts as repeatable here.
     */
    static Database migratedTo(String version) {
        Database db = freshDatabase();
        Flyway.configure().dataSource(db.config().url(), db.config().user(), db.config().password())
                .locations(Database.MIGRATIONS).target(version).repeatableSqlMigrationPrefix("NO_REPEATABLES_")
                .load().migrate();
        return db;
    }
}
