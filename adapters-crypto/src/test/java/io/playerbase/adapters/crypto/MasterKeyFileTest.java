package io.playerbase.adapters.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyFileTest {

    @TempDir
    Path tempDir;

    @Test
    void createsAnOwnerOnlyKeyFileIncludingMissingDirectories() throws IOException {
        Path dataDir = tempDir.resolve("data/nested");

        MasterKeyFile.LoadedKey loaded = MasterKeyFile.loadOrCreate(dataDir);

        assertTrue(loaded.generated());
        assertEquals(dataDir.resolve("master.key"), loaded.file());
        byte[] key = Base64.getDecoder().decode(Files.readString(loaded.file()).strip());
        assertEquals(32, key.length);
        assertArrayEquals(KeyRing.of("k1", Map.of("k1", key)).derive("k1", "p", 32), loaded.keyRing().derive("k1", "p", 32));
        assumeTrue(loaded.file().getFileSystem().supportedFileAttributeViews().contains("posix"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(loaded.file())));
    }

    @Test
    void aSecondCallReadsTheSameKey() {
        MasterKeyFile.LoadedKey first = MasterKeyFile.loadOrCreate(tempDir);
        MasterKeyFile.LoadedKey second = MasterKeyFile.loadOrCreate(tempDir);

        assertFalse(second.generated());
        assertArrayEquals(first.keyRing().derive("k1", "p", 32), second.keyRing().derive("k1", "p", 32));
    }

    @Test
    void separateDirectoriesGetSeparateKeys() {
        byte[] a = MasterKeyFile.loadOrCreate(tempDir.resolve("a")).keyRing().derive("k1", "p", 32);
        byte[] b = MasterKeyFile.loadOrCreate(tempDir.resolve("b")).keyRing().derive("k1", "p", 32);

        assertFalse(Arrays.equals(a, b));
    }

    @Test
    void readsAnExistingKeyWithSurroundingWhitespace() throws IOException {
        byte[] key = new byte[32];
        key[0] = 9;
        Files.writeString(tempDir.resolve("master.key"), "  " + Base64.getEncoder().encodeToString(key) + "\n\n");

        MasterKeyFile.LoadedKey loaded = MasterKeyFile.loadOrCreate(tempDir);

        assertFalse(loaded.generated());
        assertArrayEquals(KeyRing.of("k1", Map.of("k1", key)).derive("k1", "p", 32), loaded.keyRing().derive("k1", "p", 32));
    }

    @Test
    void aCorruptFileIsAnErrorThatDoesNotQuoteIt() throws IOException {
        String corrupt = Base64.getEncoder().encodeToString(new byte[31]);
        Files.writeString(tempDir.resolve("master.key"), corrupt);

        String message = assertThrows(IllegalArgumentException.class, () -> MasterKeyFile.loadOrCreate(tempDir)).getMessage();
        assertTrue(message.contains("master.key"), message);
        assertFalse(message.contains(corrupt), message);
    }
}
