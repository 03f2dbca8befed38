package dev.basin.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.qualifier.QualifiedType;

/**
 * Basin's PostgreSQL: opens connections and brings the schema up to date.
 *
 * <p>Connections are opened per operation; Basin writes at heartbeat rate, far below the point
 * where a pool would pay off.
 */
public final class Database {

    static final String MIGRATIONS = "classpath:db/migration";

    private final DbConfig config;
    private final Jdbi jdbi;

    public Database(DbConfig config) {
        this.config = config;
        this.jdbi = Jdbi.create(this::connect)
                .registerColumnMapper(QualifiedType.of(double.class).with(NullAsNaN.class), 
                        (rs, column, ctx) -> Jdbc.doubleOrNaN(rs, column))
                .registerColumnMapper(StageState.class, (rs, column, ctx) -> Jdbc.text(rs, column, StageState::fromText))
                .registerColumnMapper(ModelKind.class, (rs, column, ctx) -> Jdbc.text(rs, column, ModelKind::fromText));
    }

    public DbConfig config() {
        return config;
    }

    /** Seconds a read may wait for the server: bounds a connection to a server that stopped answering. */
    static final String SOCKET_TIMEOUT = "300";

    /** A new connection in auto-commit mode; the caller closes it. */
    public Connection connect() {
        return connect(Map.of());
    }

    /**
     * A new connection in auto-commit mode, with driver properties {@code overrides} set over Basin's defaults
     * (parameters in the URL still win); the caller closes it.
     */
    public Connection connect(Map<String, String> overrides) {
        Properties props = new Properties();
        if (config.user() != null) {
            props.setProperty("user", config.user());
        }
        if (config.password() != null) {
            props.setProperty("password", config.password());
        }
        props.setProperty("ApplicationName", "basin");
        // Bounded waits (seconds) for a host that drops packets or a port that accepts but never
        // answers; the driver's default login timeout is none. Parameters in the URL take precedence.
        props.setProperty("connectTimeout", "10");
        props.setProperty("loginTimeout", "20");
        props.setProperty("socketTimeout", SOCKET_TIMEOUT);
        overrides.forEach(props::setProperty);
        try {
            return DriverManager.getConnection(config.url(), props);
        } catch (SQLException e) {
            throw new DbException("cannot connect to PostgreSQL at " + config.safeUrl() + " as " + config.user()
                    + ": " + e.getMessage(), e);
        }
    }

    /** JDBI over {@link #connect()}: the stores' reads, rows mapped by column name. */
    Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Applies the pending migrations.
     *
     * @throws DbException if the database was migrated by a newer Basin (its schema version is
     *     above every migration this build knows), or if a migration fails
     */
    public void migrate() {
        Flyway flyway = flyway();
        try {
            refuseNewer(flyway);
            flyway.migrate();
        } catch (FlywayException e) {
            throw new DbException("cannot migrate the database at " + config.safeUrl() + ": "
                    + DbConfig.redact(String.valueOf(e.getMessage())), e);
        }
    }

    /**
     * Changes nothing: fails if a newer Basin migrated this database, since this code would then
     * read and write tables it does not know.
     *
     * @throws DbException naming both schema versions
     */
    public void checkSchema() {
        try {
            refuseNewer(flyway());
        } catch (FlywayException e) {
            throw new DbException("cannot read the schema version of the database at " + config.safeUrl() + ": "
                    + DbConfig.redact(String.valueOf(e.getMessage())), e);
        }
    }

    private static void refuseNewer(Flyway flyway) {
        MigrationInfo[] all = flyway.info().all();
        Optional<MigrationVersion> future = newest(Stream.of(all)
                .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED));
        if (future.isPresent()) {
            String known = newest(Stream.of(all).filter(m -> m.getState().isResolved()))
                    .map(MigrationVersion::getVersion).orElse("none");
            throw new DbException("database schema version " + future.get().getVersion()
                    + " is newer than this Basin (" + known + "); upgrade Basin");
        }
    }

    private static Optional<MigrationVersion> newest(Stream<MigrationInfo> migrations) {
        return migrations.map(MigrationInfo::getVersion).filter(v -> v != null).max(Comparator.naturalOrder());
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(config.url(), config.user(), config.password())
                .locations(MIGRATIONS)
                .loggers("slf4j")
                .load();
    }
}
