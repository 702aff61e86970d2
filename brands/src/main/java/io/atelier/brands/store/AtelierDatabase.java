package io.atelier.brands.store;

import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bridge's SQLite database, a real file {@code <home>/atelier.db}, migrated by Flyway on open.
 *
 * <p>SQLite allows one writer at a time; rather than let concurrent writers collide on {@code SQLITE_BUSY}, every
 * write goes through {@link #write} on one connection under one lock, in a transaction. Reads use their own
 * connections: in WAL mode they run beside the writer and, in autocommit, each statement sees the last committed
 * state. Read connections are kept for reuse (a few idle at most), since opening one costs more than most of our
 * queries: {@code session.initialize} reads the brands on every call.
 */
public final class AtelierDatabase implements AutoCloseable {

    public static final String FILE_NAME = "atelier.db";
    private static final String MIGRATIONS = "classpath:io/atelier/brands/db/migration";

    private static final int IDLE_READERS = 4;

    private final SQLiteDataSource dataSource;
    private final BlockingQueue<Connection> idleReaders = new ArrayBlockingQueue<>(IDLE_READERS);
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
            createPrivately(home.resolve(FILE_NAME));
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

    /** Runs {@code work} on a read connection (an idle one when there is one), beside any writer. */
    public <T> T read(SqlWork<T> work) {
        Connection connection = idleReaders.poll();
        try {
            if (connection == null) {
                connection = dataSource.getConnection();
            }
            T result = work.run(connection);
            // A connection whose work failed is closed, not kept: its state is unknown.
            if (idleReaders.offer(connection)) {
                connection = null;
            }
            return result;
        } catch (SQLException e) {
            throw new StorageException("database read failed", e);
        } finally {
            closeQuietly(connection);
        }
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
        for (Connection idle = idleReaders.poll(); idle != null; idle = idleReaders.poll()) {
            closeQuietly(idle);
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
