package io.atelier.brands.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The files of a folder or a ZIP, read by relative name. ZIP entries are read in memory, never extracted, so entry
 * names cannot escape anywhere ("zip slip"); each read is capped so a bomb entry cannot exhaust memory.
 */
abstract class ImportSource implements AutoCloseable {

    static final long MAX_FILE_BYTES = 64L << 20;

    /** Relative names of the regular files, sorted, hidden files and macOS resource forks left out. */
    abstract List<String> names();

    /** The file's bytes, or empty when there is no such file. @throws IOException larger than the cap, or unreadable */
    abstract Optional<byte[]> read(String name) throws IOException;

    @Override
    public abstract void close() throws IOException;

    static ImportSource open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return new Folder(path);
        }
        return new Zip(new ZipFile(path.toFile()));
    }

    static boolean visible(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return !lower.startsWith("__macosx/") && !lower.contains("/.") && !lower.startsWith(".");
    }

    static byte[] readCapped(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IOException("file larger than " + (MAX_FILE_BYTES >> 20) + " MB");
        }
        return bytes;
    }

    /**
     * A folder, read without following symbolic links: a folder someone hands over must not pull in files from
     * anywhere else (their token, their keys). A link is listed, so that the import reports it, but never read; every
     * read is checked on the file's real path, which must lie inside the folder's.
     */
    private static final class Folder extends ImportSource {
        private final Path root;
        private final Path realRoot;

        Folder(Path root) throws IOException {
            this.root = root;
            this.realRoot = root.toRealPath();
        }

        @Override
        List<String> names() {
            try (Stream<Path> files = Files.walk(root)) {
                return files.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                                || Files.isSymbolicLink(file))
                        .map(file -> root.relativize(file).toString().replace('\\', '/'))
                        .filter(ImportSource::visible)
                        .sorted().toList();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        Optional<byte[]> read(String name) throws IOException {
            Path file = root.resolve(name).normalize();
            if (!file.startsWith(root)) {
                return Optional.empty();
            }
            if (Files.isSymbolicLink(file)) {
                throw new IOException(name + " is a symbolic link; copy the file itself into the folder");
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            if (!file.toRealPath().startsWith(realRoot)) {
                throw new IOException(name + " lies outside the folder (through a symbolic link)");
            }
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(readCapped(in));
            }
        }

        @Override
        public void close() {
        }
    }

    private static final class Zip extends ImportSource {
        private final ZipFile zip;
        private final TreeMap<String, ZipEntry> entries = new TreeMap<>();

        Zip(ZipFile zip) {
            this.zip = zip;
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (!entry.isDirectory() && visible(entry.getName())) {
                    entries.put(entry.getName(), entry);
                }
            }
        }

        @Override
        List<String> names() {
            return new ArrayList<>(entries.keySet());
        }

        @Override
        Optional<byte[]> read(String name) throws IOException {
            ZipEntry entry = entries.get(name);
            if (entry == null) {
                return Optional.empty();
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return Optional.of(readCapped(in));
            }
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }
}
