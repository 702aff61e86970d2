package io.atelier.bridge.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The bridge's tokens, kept under its home folder:
 * <ul>
 *   <li>{@code token}: the admin token in clear (mode 0600), so that local clients can read it;</li>
 *   <li>{@code tokens.json}: scoped tokens as SHA-256 hashes only (mode 0600).</li>
 * </ul>
 * Tokens are compared as hashes with {@link MessageDigest#isEqual}, over every known token, so the time taken does not
 * depend on how much of a guess was right. A running bridge sees tokens created later by {@code atelier token create}
 * (another process) because it re-reads the files when their modification time changes.
 */
public final class TokenStore {
    public static final String ADMIN_TOKEN_FILE = "token";
    public static final String SCOPED_TOKENS_FILE = "tokens.json";
    private static final Pattern BRAND_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final long RECHECK_NANOS = 250_000_000L;

    private final Path home;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Clock clock;
    private volatile Snapshot snapshot;
    private volatile long lastCheckNanos;

    private record Known(byte[] hash, TokenGrant grant) {
    }

    private record Snapshot(List<Known> tokens, FileTime adminModified, FileTime scopedModified) {
    }

    private TokenStore(Path home, Clock clock) {
        this.home = home;
        this.clock = clock;
    }

    /** Opens the store under {@code home}, creating the folder and the admin token on first use. */
    public static TokenStore open(Path home) throws IOException {
        return open(home, Clock.systemUTC());
    }

    static TokenStore open(Path home, Clock clock) throws IOException {
        PrivateFiles.createPrivateDirectories(home);
        TokenStore store = new TokenStore(home, clock);
        PrivateFiles.createNew(store.adminTokenFile(), (TokenHashing.newSecret() + "\n").getBytes(StandardCharsets.UTF_8));
        store.snapshot = store.load();
        store.lastCheckNanos = System.nanoTime();
        return store;
    }

    public Path adminTokenFile() {
        return home.resolve(ADMIN_TOKEN_FILE);
    }

    public Path scopedTokensFile() {
        return home.resolve(SCOPED_TOKENS_FILE);
    }

    /** The admin token, for the CLI and local tools that run as the same user. */
    public String readAdminToken() throws IOException {
        return Files.readString(adminTokenFile(), StandardCharsets.UTF_8).strip();
    }

    /** What {@code presented} grants, or empty when it is no token of ours. */
    public Optional<TokenGrant> authenticate(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > 512) {
            return Optional.empty();
        }
        byte[] hash = TokenHashing.sha256(presented);
        refreshIfDue(false);
        Optional<TokenGrant> found = match(snapshot, hash);
        if (found.isEmpty() && refreshIfDue(true)) {
            // A token created a moment ago by another process: the files changed, look again.
            found = match(snapshot, hash);
        }
        return found;
    }

    /** The scope of the token with this public id, or empty when no such token exists (any more). */
    public Optional<TokenScope> scopeOf(String tokenId) {
        refreshIfDue(false);
        return snapshot.tokens().stream().map(Known::grant).filter(g -> g.tokenId().equals(tokenId))
                .map(TokenGrant::scope).findFirst();
    }

    private static Optional<TokenGrant> match(Snapshot current, byte[] hash) {
        TokenGrant matched = null;
        for (Known known : current.tokens()) {
            // No early exit: every known token is compared, each in constant time.
            if (MessageDigest.isEqual(known.hash(), hash)) {
                matched = known.grant();
            }
        }
        return Optional.ofNullable(matched);
    }

    /** Creates a token scoped to {@code brands}; only its hash is written. */
    public IssuedToken createScoped(List<String> brands) throws IOException {
        if (brands.isEmpty()) {
            throw new IllegalArgumentException("Give at least one --brand.");
        }
        for (String brand : brands) {
            if (!BRAND_ID.matcher(brand).matches()) {
                throw new IllegalArgumentException(
                        "Brand ids are 1 to 64 characters of a-z, 0-9, '_' or '-', starting with a letter or digit.");
            }
        }
        String secret = TokenHashing.newSecret();
        byte[] hash = TokenHashing.sha256(secret);
        String id = TokenHashing.idOf(hash);
        List<String> sorted = List.copyOf(new TreeSet<>(brands));
        // Two `token create` runs at once must not lose each other's token: lock, read, append, replace.
        try (FileChannel lockChannel = FileChannel.open(home.resolve(".tokens.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockChannel.lock()) {
            List<ScopedTokenEntry> entries = new ArrayList<>(readScopedFile().tokens());
            entries.add(new ScopedTokenEntry(id, HexFormat.of().formatHex(hash), sorted, clock.instant().toString()));
            PrivateFiles.writeAtomically(scopedTokensFile(), json.writeValueAsBytes(new ScopedTokenFile(entries)));
        }
        // Reload unconditionally: two tokens written within the file system's timestamp granularity leave the file's
        // modified time unchanged, and the time check alone would then miss the second one.
        snapshot = load();
        return new IssuedToken(id, secret, sorted);
    }

    private boolean refreshIfDue(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastCheckNanos < RECHECK_NANOS) {
            return false;
        }
        lastCheckNanos = now;
        Snapshot current = snapshot;
        if (modified(adminTokenFile()).equals(current.adminModified())
                && modified(scopedTokensFile()).equals(current.scopedModified())) {
            return false;
        }
        try {
            snapshot = load();
            return true;
        } catch (IOException | UncheckedIOException e) {
            // A half-written file from an older tool: keep the tokens we know.
            return false;
        }
    }

    private Snapshot load() throws IOException {
        FileTime adminModified = modified(adminTokenFile());
        FileTime scopedModified = modified(scopedTokensFile());
        List<Known> tokens = new ArrayList<>();
        byte[] adminHash = TokenHashing.sha256(readAdminToken());
        tokens.add(new Known(adminHash, new TokenGrant(TokenHashing.idOf(adminHash), TokenScope.ALL)));
        for (ScopedTokenEntry entry : readScopedFile().tokens()) {
            byte[] hash = HexFormat.of().parseHex(entry.sha256());
            tokens.add(new Known(hash, new TokenGrant(entry.id(), TokenScope.only(entry.brands()))));
        }
        return new Snapshot(List.copyOf(tokens), adminModified, scopedModified);
    }

    private ScopedTokenFile readScopedFile() throws IOException {
        Path file = scopedTokensFile();
        if (!Files.exists(file)) {
            return new ScopedTokenFile(List.of());
        }
        return json.readValue(file.toFile(), ScopedTokenFile.class);
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
