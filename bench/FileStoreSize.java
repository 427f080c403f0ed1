import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.playerbase.adapters.mongo.connection.EmbeddedMongoServer;
import org.bson.Document;
import org.bson.RawBsonDocument;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Size of the embedded file store against its live data after N mixed writes (default 100,000) on a
 * working set of 1,000 documents of about 2 KB (60 % updates of a counter and a recent-ids list, 20 %
 * inserts, 20 % deletes, as the service's users, matches and audit entries see them), then after a
 * pause (the background compaction) and after a restart. Run: bench/file-store-size.sh
 */
public class FileStoreSize {
    public static void main(String[] args) throws Exception {
        int writes = Integer.getInteger("bench.writes", 100_000);
        Path dir = Files.createTempDirectory("pb-file-store");
        Path file = dir.resolve("playerbase.docs");
        Random random = new Random(42);
        String padding = "x".repeat(1800);
        long started = System.nanoTime();
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dir.toString(), 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> docs = client.getDatabase("bench").getCollection("docs");
            int next = 0;
            for (; next < 1000; next++) {
                docs.insertOne(new Document("_id", next).append("n", 0).append("recent", List.of()).append("padding", padding));
            }
            int low = 0;
            for (int i = 0; i < writes; i++) {
                int kind = random.nextInt(10);
                if (kind < 6) {
                    int id = low + random.nextInt(next - low);
                    docs.updateOne(Filters.eq("_id", id), Updates.combine(Updates.inc("n", 1),
                            Updates.pushEach("recent", List.of("m" + i), new com.mongodb.client.model.PushOptions().slice(-20))));
                } else if (kind < 8) {
                    docs.insertOne(new Document("_id", next++).append("n", 0).append("recent", List.of()).append("padding", padding));
                } else {
                    docs.deleteOne(Filters.eq("_id", low++));
                }
            }
            long seconds = (System.nanoTime() - started) / 1_000_000_000;
            long live = live(client);
            System.out.printf("after %,d writes (%d s): file %,d bytes, live BSON %,d bytes, ratio %.2f%n",
                    writes, seconds, Files.size(file), live, Files.size(file) / (double) live);
            Thread.sleep(5000);
            System.out.printf("5 s later: file %,d bytes, ratio %.2f%n", Files.size(file), Files.size(file) / (double) live);
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dir.toString(), 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            long live = live(client);
            System.out.printf("after a restart: file %,d bytes, live BSON %,d bytes, %d documents%n", Files.size(file), live,
                    client.getDatabase("bench").getCollection("docs").countDocuments());
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static long live(MongoClient client) {
        long live = 0;
        for (RawBsonDocument document : client.getDatabase("bench").getCollection("docs", RawBsonDocument.class).find()) {
            live += document.getByteBuffer().remaining();
        }
        return live;
    }
}
