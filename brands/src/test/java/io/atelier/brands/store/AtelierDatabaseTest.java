package io.atelier.brands.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtelierDatabaseTest {

    @TempDir
    Path home;

    @Test
    void opening_creates_a_real_file_migrated_and_in_wal_mode() {
        try (AtelierDatabase db = AtelierDatabase.open(home)) {
            assertTrue(Files.isRegularFile(home.resolve("atelier.db")));
            assertEquals("wal", db.journalMode());
            List<String> applied = db.read(c -> {
                List<String> versions = new ArrayList<>();
                try (var st = c.createStatement();
                     var rs = st.executeQuery("SELECT version FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL ORDER BY installed_rank")) {
                    while (rs.next()) {
                        versions.add(rs.getString(1));
                    }
                }
                return versions;
            });
            assertEquals("1", applied.get(0));
        }
    }

    @Test
    void reopening_keeps_the_data_and_reapplies_nothing() {
        try (AtelierDatabase db = AtelierDatabase.open(home)) {
            db.write(c -> c.createStatement().executeUpdate(
                    "INSERT INTO brands VALUES ('a','A','[]','[]','[]',1,'brand_0','t','t')"));
        }
        try (AtelierDatabase db = AtelierDatabase.open(home)) {
            int count = db.read(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM brands")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertEquals(1, count);
        }
    }

    @Test
    void a_failed_write_rolls_back_entirely() {
        try (AtelierDatabase db = AtelierDatabase.open(home)) {
            assertThrows(StorageException.class, () -> db.write(c -> {
                c.createStatement().executeUpdate("INSERT INTO brands VALUES ('a','A','[]','[]','[]',1,'brand_0','t','t')");
                // Same trigger token: the UNIQUE constraint fails the second insert and so the whole transaction.
                c.createStatement().executeUpdate("INSERT INTO brands VALUES ('b','B','[]','[]','[]',1,'brand_0','t','t')");
                return null;
            }));
            int count = db.read(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM brands")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertEquals(0, count);
        }
    }

    @Test
    void concurrent_writers_are_serialised_without_busy_errors() throws Exception {
        try (AtelierDatabase db = AtelierDatabase.open(home)) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                Thread worker = new Thread(() -> {
                    for (int i = 0; i < 25; i++) {
                        String id = "b" + thread + "-" + i;
                        db.write(c -> {
                            try (var st = c.prepareStatement("INSERT INTO brands VALUES (?,?,'[]','[]','[]',1,?,'t','t')")) {
                                st.setString(1, id);
                                st.setString(2, id);
                                st.setString(3, "tok-" + id);
                                return st.executeUpdate();
                            }
                        });
                    }
                });
                worker.start();
                threads.add(worker);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            int count = db.read(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM brands")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertEquals(100, count);
        }
    }
}
