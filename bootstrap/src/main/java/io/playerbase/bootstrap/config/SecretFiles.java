package io.playerbase.bootstrap.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads secret files (Docker and Kubernetes mount each secret as a file) from directories in priority
 * order: a name found in an earlier directory wins. One trailing line break is dropped, since files
 * written with {@code echo} or an editor end with one; nothing else is trimmed.
 */
final class SecretFiles {

    private final List<Path> directories;

    SecretFiles(List<Path> directories) {
        this.directories = List.copyOf(directories);
    }

    /** Every recognised secret: property → where it came from and its value. */
    Map<String, Resolved> read() {
        Map<String, Resolved> found = new LinkedHashMap<>();
        for (Path directory : directories) {
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    Optional<String> property = SecretNames.property(name);
                    if (property.isEmpty() || found.containsKey(property.get()) || !Files.isRegularFile(file)) {
                        continue;
                    }
                    found.put(property.get(), new Resolved(read(file), "secret file " + file.toAbsolutePath().normalize()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list the secrets directory " + directory, e);
            }
        }
        return found;
    }

    /** A single named file (e.g. {@code vault_token}) from the first directory that has it. */
    Optional<String> value(String name) {
        for (Path directory : directories) {
            Path file = directory.resolve(name);
            if (Files.isRegularFile(file)) {
                return Optional.of(read(file));
            }
        }
        return Optional.empty();
    }

    private static String read(Path file) {
        try {
            return withoutTrailingLineBreak(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The message names the file, never its content.
            throw new UncheckedIOException("Cannot read the secret file " + file + " (check its permissions)", e);
        }
    }

    static String withoutTrailingLineBreak(String value) {
        if (value.endsWith("\r\n")) {
            return value.substring(0, value.length() - 2);
        }
        return value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
    }

    /** A value and a description of its origin (for logs: never the value). */
    record Resolved(String value, String origin) {
        @Override
        public String toString() {
            return "Resolved[origin=" + origin + ", value=redacted]";
        }
    }
}
