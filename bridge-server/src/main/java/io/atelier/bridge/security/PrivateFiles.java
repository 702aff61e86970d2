package io.atelier.bridge.security;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/** Writes files only their owner may read (mode 0600; folders 0700) where the file system knows POSIX modes. */
public final class PrivateFiles {
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    public static void createPrivateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (isPosix(dir.toAbsolutePath().getRoot())) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        } else {
            Files.createDirectories(dir);
        }
    }

    /**
     * Replaces {@code target} with {@code content} atomically; the file is created with mode 0600 from the start, so
     * there is no moment when another user could read it.
     */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = isPosix(dir)
                ? Files.createTempFile(dir, ".tmp-", ".part", PosixFilePermissions.asFileAttribute(OWNER_FILE))
                : Files.createTempFile(dir, ".tmp-", ".part");
        try {
            Files.write(temp, content);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Creates {@code target} with {@code content} unless it exists; returns false when it already existed. */
    public static boolean createNew(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        FileAttribute<?>[] attributes = isPosix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
        try {
            Files.createFile(target, attributes);
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        Files.write(target, content);
        return true;
    }

    /**
     * Makes everything under {@code home} private (folders 0700, files 0600), for homes created before the bridge
     * cared, or files another tool wrote there. Symbolic links are left as they are and never followed; a path this
     * user cannot change (owned by someone else) is skipped. Does nothing where the file system has no POSIX modes.
     */
    public static void makePrivate(Path home) throws IOException {
        if (!Files.isDirectory(home) || !isPosix(home.toAbsolutePath().getRoot())) {
            return;
        }
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (Files.isSymbolicLink(path)) {
                    continue;
                }
                Set<PosixFilePermission> wanted = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? OWNER_DIR : OWNER_FILE;
                try {
                    if (!Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).equals(wanted)) {
                        Files.setPosixFilePermissions(path, wanted);
                    }
                } catch (IOException | SecurityException notOurs) {
                    // Owned by another user, or gone meanwhile: nothing this process may or need do.
                }
            }
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
