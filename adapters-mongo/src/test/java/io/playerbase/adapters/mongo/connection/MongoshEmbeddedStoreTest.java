package io.playerbase.adapters.mongo.connection;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The current mongosh (installed from npm by {@code .ci/install-mongosh}, or named by the {@code MONGOSH}
 * environment variable) against a running file-backed embedded store: the commands of
 * {@code mongosh/first-commands.js} and {@code show collections}. Skipped, saying why, without mongosh.
 */
class MongoshEmbeddedStoreTest {

    private static final Path INSTALLED = Path.of("..", ".ci", ".tools", "node_modules", ".bin", "mongosh");

    @TempDir
    Path temp;

    @Test
    void theFirstCommandsAnswer() throws Exception {
        Path mongosh = mongosh();
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(temp.resolve("data").toString(), 0)) {
            long size = seed(server);
            String uri = server.connectionString() + "/playerbase";

            Document answers = Document.parse(lastLine(run(mongosh, uri, "--file", script().toString())));
            String shown = run(mongosh, uri, "--eval", "show collections");

            assertEquals("5.0.0", answers.getString("version"));
            assertEquals(List.of("users"), answers.getList("collections", String.class));
            assertEquals("ann", answers.get("findOne", Document.class).getString("username"));
            assertEquals(3, answers.get("count", Number.class).intValue());
            assertEquals(2, answers.get("countActive", Number.class).intValue());
            assertEquals(List.of(new Document("_id", "active").append("n", 2), new Document("_id", "suspended").append("n", 1)),
                    answers.getList("groups", Document.class));
            assertEquals(List.of("_id_", "status_1"), answers.getList("indexes", String.class).stream().sorted().toList());
            Document stats = answers.get("stats", Document.class);
            assertEquals(3, stats.get("count", Number.class).intValue());
            assertEquals(size, stats.get("size", Number.class).longValue());
            assertEquals(2, stats.get("nindexes", Number.class).intValue());
            assertEquals(size, answers.get("dbStats", Document.class).get("dataSize", Number.class).longValue());
            assertTrue(answers.getString("storageSize").contains("not available on the embedded store"), answers.toJson());
            assertTrue(answers.getString("explain").contains("not supported by the embedded store"), answers.toJson());
            assertEquals("users", lastLine(shown));
        }
    }

    private static Path mongosh() {
        String named = System.getenv("MONGOSH");
        Path mongosh = named != null && !named.isBlank() ? Path.of(named) : INSTALLED;
        if (!Files.isExecutable(mongosh)) {
            String reason = "mongosh not found at " + mongosh.toAbsolutePath().normalize()
                    + ": run .ci/install-mongosh (needs npm) or set MONGOSH";
            System.out.println("MongoshEmbeddedStoreTest skipped: " + reason);
            Assumptions.abort(reason);
        }
        return mongosh;
    }

    /** Three users and a secondary index, as the shell will see them; returns the users' BSON size. */
    private static long seed(EmbeddedMongoServer server) {
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> users = client.getDatabase("playerbase").getCollection("users");
            List<Document> documents = List.of(
                    new Document("_id", "u1").append("username", "ann").append("status", "active"),
                    new Document("_id", "u2").append("username", "bob").append("status", "suspended"),
                    new Document("_id", "u3").append("username", "cid").append("status", "active"));
            users.insertMany(documents);
            users.createIndex(new Document("status", 1));
            long size = 0;
            for (Document user : documents) {
                size += new RawBsonDocument(user, new DocumentCodec()).getByteBuffer().remaining();
            }
            return size;
        }
    }

    private Path script() throws IOException {
        Path script = temp.resolve("first-commands.js");
        try (var in = getClass().getResourceAsStream("/mongosh/first-commands.js")) {
            Files.write(script, in.readAllBytes());
        }
        return script;
    }

    /** Runs mongosh non-interactively (no telemetry, no rc file, its logs under the temp directory). */
    private String run(Path mongosh, String uri, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(mongosh.toString(), "--quiet", "--norc", uri));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile(temp, "mongosh", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("HOME", temp.toString());
        Process process = builder.start();
        boolean ended = process.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertTrue(ended, "mongosh did not end within 120 s: " + text);
        assertEquals(0, process.exitValue(), text);
        return text;
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\\R");
        return lines[lines.length - 1].strip();
    }
}
