package io.atelier.brands.history;

import io.atelier.brands.store.AtelierDatabase;
import io.atelier.brands.store.TestDatabases;
import java.nio.file.Path;

/** Every test of {@link HistoryRepositoryTest}, on a real PostgreSQL server instead of SQLite. */
class HistoryRepositoryOnPostgresTest extends HistoryRepositoryTest {
    @Override
    AtelierDatabase openDatabase(Path home) {
        return TestDatabases.freshPostgres();
    }
}
