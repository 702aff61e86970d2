package io.atelier.brands.store;

/**
 * Databases for tests that run on both engines: a repository test opens SQLite under its temporary home, and its
 * {@code …OnPostgresTest} subclass opens a fresh database on the JVM's throwaway PostgreSQL server instead.
 */
public final class TestDatabases {
    private TestDatabases() {
    }

    /** An empty, migrated database of its own on the test PostgreSQL server (started on first use). */
    public static AtelierDatabase freshPostgres() {
        return AtelierDatabase.open(DatabaseLocation.postgresql(LocalPostgres.shared().createDatabase()));
    }
}
