package io.atelier.brands.store;

import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bridge's SQLite database, a real file {@code <home>/atelier.db}, migrated by Flyway on open.
 *
 * <p>SQLite allows one writer at a time; rather than let concurrent writers collide on {@code SQLITE_BUSY}, every
 * write goes through {@link #write} on one connection under one lock, in a transaction. Reads open their own
 * connection: in WAL mode they run beside the writer and see the last committed state.
 */
public final class AtelierDatabase implements AutoCloseable {

    public static final String FILE_NAME = "atelier.db";
    private static final String MIGRATIONS = "classpath:io/atelier/brands/db/migration";

    private final SQLiteDataSource dataSource;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Connection writer;

    private AtelierDatabase(SQLiteDataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        this.writer = dataSource.getConnection();
    }

    /** Opens (creating if needed) {@code <home>/atelier.db} and applies pending migrations. */
    public static AtelierDatabase open(Path home) {
        try {
            Files.createDirectories(home);
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            config.enforceForeignKeys(true);
            config.setBusyTimeout(10_000);
            SQLiteDataSource dataSource = new SQLiteDataSource(config);
            dataSource.setUrl("jdbc:sqlite:" + home.resolve(FILE_NAME).toAbsolutePath());
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations(MIGRATIONS)
                    .load()
                    .migrate();
            return new AtelierDatabase(dataSource);
        } catch (Exception e) {
            throw new StorageException("cannot open the Atelier database", e);
        }
    }

    /** Runs {@code work} in a transaction on the single writer connection; rolls back if it throws. */
    public <T> T write(SqlWork<T> work) {
        writeLock.lock();
        try {
            writer.setAutoCommit(false);
            try {
                T result = work.run(writer);
                writer.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                writer.rollback();
                throw e;
            } finally {
                writer.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StorageException("database write failed", e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs {@code work} on a fresh read connection, beside any writer. */
    public <T> T read(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StorageException("database read failed", e);
        }
    }

    /** The journal mode actually in force, for tests and diagnostics. */
    public String journalMode() {
        return read(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            writer.close();
        } catch (SQLException e) {
            throw new StorageException("cannot close the Atelier database", e);
        } finally {
            writeLock.unlock();
        }
    }
}
