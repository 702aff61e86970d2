package io.atelier.brands.store;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Atelier database, migrated by Flyway on open: by default the SQLite file {@code <home>/atelier.db}; for a team,
 * a PostgreSQL server several processes share ({@link DatabaseLocation}).
 *
 * <p>Both run the same migrations ({@code db/migration}); what PostgreSQL needs beyond them (wider number types, the
 * {@code rowid} column SQLite has built in) is in {@code db/postgresql}, applied only there, so the repositories' SQL
 * is one text for both.
 *
 * <p>SQLite allows one writer at a time; rather than let concurrent writers collide on {@code SQLITE_BUSY}, every
 * write goes through {@link #write} on one connection under one lock, in a transaction. PostgreSQL takes concurrent
 * writers: there each write takes its own connection. Reads use their own connections: in WAL mode they run beside
 * the writer and, in autocommit, each statement sees the last committed state. Idle connections are kept for reuse
 * (a few at most), since opening one costs more than most of our queries: {@code session.initialize} reads the brands
 * on every call.
 */
public final class AtelierDatabase implements AutoCloseable {

    public static final String FILE_NAME = "atelier.db";
    private static final String MIGRATIONS = "classpath:io/atelier/brands/db/migration";
    private static final String POSTGRESQL_MIGRATIONS = "classpath:io/atelier/brands/db/postgresql";

    private static final int IDLE_CONNECTIONS = 8;

    private final DatabaseLocation location;
    private final DataSource dataSource;
    private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(IDLE_CONNECTIONS);
    private final ReentrantLock writeLock = new ReentrantLock();
    /** SQLite's one writer; null for PostgreSQL. */
    private final Connection writer;

    private AtelierDatabase(DatabaseLocation location, DataSource dataSource) throws SQLException {
        this.location = location;
        this.dataSource = dataSource;
        this.writer = location.vendor() == DatabaseLocation.Vendor.SQLITE ? dataSource.getConnection() : null;
    }

    /** Opens (creating if needed) {@code <home>/atelier.db} and applies pending migrations. */
    public static AtelierDatabase open(Path home) {
        return open(DatabaseLocation.sqlite(home));
    }

    /** Opens the database at {@code location} and applies pending migrations. */
    public static AtelierDatabase open(DatabaseLocation location) {
        try {
            DataSource dataSource = location.vendor() == DatabaseLocation.Vendor.SQLITE
                    ? sqlite(location.sqliteFile()) : postgresql(location);
            List<String> migrations = location.vendor() == DatabaseLocation.Vendor.SQLITE
                    ? List.of(MIGRATIONS) : List.of(MIGRATIONS, POSTGRESQL_MIGRATIONS);
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations(migrations.toArray(String[]::new))
                    .load()
                    .migrate();
            return new AtelierDatabase(location, dataSource);
        } catch (Exception e) {
            throw new StorageException("cannot open the Atelier database at " + location.describe(), e);
        }
    }

    private static DataSource sqlite(Path file) throws java.io.IOException {
        Files.createDirectories(file.getParent());
        createPrivately(file);
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return dataSource;
    }

    private static DataSource postgresql(DatabaseLocation location) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(location.jdbcUrl());
        if (location.user() != null) {
            dataSource.setUser(location.user());
        }
        if (location.password() != null) {
            dataSource.setPassword(location.password());
        }
        dataSource.setApplicationName("atelier");
        return dataSource;
    }

    /** Where this database is. */
    public DatabaseLocation location() {
        return location;
    }

    /** Which engine: the few things only one of them has (a queue's row locks) ask. */
    public DatabaseLocation.Vendor vendor() {
        return location.vendor();
    }

    /**
     * Creates the database file empty (which SQLite takes as a new database) with mode 0600 where the file system has
     * POSIX modes: SQLite gives its {@code -wal} and {@code -shm} files the database file's mode, so all three stay
     * readable by their owner only. Prompts and captions are confidential brand material.
     */
    private static void createPrivately(Path file) throws java.io.IOException {
        if (Files.exists(file) || !file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // Another process created it first; its mode is tightened when a bridge starts on this home.
        }
    }

    /**
     * Runs {@code work} in a transaction, on SQLite's single writer connection or on a PostgreSQL connection of its
     * own; rolls back if it throws.
     */
    public <T> T write(SqlWork<T> work) {
        if (writer == null) {
            return withConnection(connection -> inTransaction(connection, work), "write");
        }
        writeLock.lock();
        try {
            return inTransaction(writer, work);
        } catch (SQLException e) {
            throw new StorageException("database write failed", e);
        } finally {
            writeLock.unlock();
        }
    }

    private static <T> T inTransaction(Connection connection, SqlWork<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Runs {@code work} on a read connection (an idle one when there is one), beside any writer. */
    public <T> T read(SqlWork<T> work) {
        return withConnection(work, "read");
    }

    private <T> T withConnection(SqlWork<T> work, String what) {
        Connection connection = idle.poll();
        try {
            if (connection == null) {
                connection = dataSource.getConnection();
            }
            T result = work.run(connection);
            // A connection whose work failed is closed, not kept: its state is unknown.
            if (idle.offer(connection)) {
                connection = null;
            }
            return result;
        } catch (SQLException e) {
            throw new StorageException("database " + what + " failed", e);
        } finally {
            closeQuietly(connection);
        }
    }

    /**
     * A connection of its own, outside the idle ones, for work that holds one for long (a PostgreSQL
     * {@code LISTEN}); the caller closes it.
     */
    public Connection openConnection() throws SQLException {
        return dataSource.getConnection();
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Nothing more to release.
            }
        }
    }

    /** SQLite's journal mode actually in force, for tests and diagnostics. */
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
        for (Connection connection = idle.poll(); connection != null; connection = idle.poll()) {
            closeQuietly(connection);
        }
        if (writer == null) {
            return;
        }
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
