package io.playerbase.adapters.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The master key of a deployment without a configured one (first run, demos, CI on the embedded
 * store): {@code <dataDir>/master.key}, created on first use. It holds the same text as
 * {@code playerbase.crypto.master-key} (see {@link KeyRing}); a generated file holds one bare
 * base64 key. Losing the file makes every encrypted value unreadable, so it lives beside the data
 * it protects and is backed up with it.
 */
public final class MasterKeyFile {

    private static final String FILE_NAME = "master.key";

    private static final SecureRandom RANDOM = new SecureRandom();

    private MasterKeyFile() {
    }

    /** The key ring read from {@code file}; {@code generated} tells the caller to warn that a new key was made. */
    public record LoadedKey(KeyRing keyRing, Path file, boolean generated) {
    }

    /** Reads {@code <dataDir>/master.key}, or creates it (owner-only) with a fresh random key when absent. */
    public static LoadedKey loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return new LoadedKey(parse(file, Files.readString(file, StandardCharsets.US_ASCII)), file, false);
            }
            Files.createDirectories(dataDir);
            byte[] key = new byte[KeyRing.KEY_LENGTH];
            RANDOM.nextBytes(key);
            String encoded = Base64.getEncoder().encodeToString(key);
            Arrays.fill(key, (byte) 0);
            write(file, encoded);
            return new LoadedKey(parse(file, encoded), file, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the master key file " + file, e);
        }
    }

    private static void write(Path file, String encoded) throws IOException {
        // Created with its permissions in one step, so the key is never readable by others, not even briefly.
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        try {
            Files.writeString(file, encoded + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            // An empty key file would fail every later start; leave nothing behind.
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static KeyRing parse(Path file, String content) {
        try {
            return KeyRing.parse(content);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Master key file " + file + ": " + e.getMessage());
        }
    }
}
