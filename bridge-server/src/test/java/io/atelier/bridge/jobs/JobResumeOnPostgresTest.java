package io.atelier.bridge.jobs;

import io.atelier.brands.store.AtelierDatabase;
import io.atelier.brands.store.DatabaseLocation;
import io.atelier.brands.store.LocalPostgres;
import java.nio.file.Path;

/** Every test of {@link JobResumeTest}, with the job journal on a real PostgreSQL server instead of SQLite. */
class JobResumeOnPostgresTest extends JobResumeTest {
    @Override
    AtelierDatabase openDatabase(Path home) {
        return AtelierDatabase.open(DatabaseLocation.postgresql(LocalPostgres.shared().createDatabase()));
    }
}
