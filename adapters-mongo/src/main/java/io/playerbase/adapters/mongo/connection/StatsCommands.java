package io.playerbase.adapters.mongo.connection;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.oplog.NoopOplog;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code collStats}, {@code dbStats} and the {@code $collStats} aggregation stage (what mongosh 2.x's
 * {@code db.coll.stats()}, {@code dataSize()} and {@code db.stats()} send), answered with figures that
 * are true on the embedded store.
 *
 * <p>Counts, index counts and data sizes are computed when asked: the size is the sum of the documents'
 * BSON sizes, MongoDB's own definition of {@code size}/{@code dataSize}. The backends do not keep a
 * running total (it cost two encodings per write), so a stats call reads the whole collection; it is a
 * tool command, nothing in Playerbase sends it. Storage and index sizes have no meaning here (the
 * store's file is not MongoDB's storage engine): they are left out of the answers, the commands say
 * so in an {@code embeddedStore} field, and a {@code $collStats} pipeline that reads one of them fails
 * with a message saying they are not available, instead of summing a missing field to 0.
 */
final class StatsCommands {

    static final String NOT_AVAILABLE = "storageSize, freeStorageSize, totalIndexSize, indexSizes and totalSize are"
            + " not available on the embedded store (Playerbase's in-process MongoDB); size and dataSize are the"
            + " documents' BSON sizes, computed for this answer";

    private static final List<String> UNAVAILABLE_STORAGE_STATS = List.of(
            "storageSize", "freeStorageSize", "totalIndexSize", "indexSizes", "totalSize");
    private static final Set<String> WRITING_STAGES = Set.of("$out", "$merge");

    private final MongoBackend backend;

    StatsCommands(MongoBackend backend) {
        this.backend = backend;
    }

    /** The answer to one of these commands, or {@code null} for any other command. */
    Document handle(Channel channel, String database, String command, Document query) {
        return switch (command.toLowerCase(Locale.ROOT)) {
            case "collstats" -> collStats(channel, database, String.valueOf(query.get(command)), scale(query.get("scale")));
            case "dbstats" -> dbStats(channel, database, scale(query.get("scale")));
            case "aggregate" -> startsWithCollStats(query) ? collStatsPipeline(channel, database, query) : null;
            default -> null;
        };
    }

    private Document collStats(Channel channel, String database, String collectionName, int scale) {
        Document answer = new Document("ns", database + "." + collectionName);
        answer.putAll(storageStats(channel, database, collectionName, scale));
        answer.put("embeddedStore", NOT_AVAILABLE);
        answer.put("ok", 1.0);
        return answer;
    }

    private Document dbStats(Channel channel, String database, int scale) {
        long objects = 0;
        long dataSize = 0;
        int indexes = 0;
        List<String> collections = collectionNames(channel, database);
        for (String collection : collections) {
            Document stats = storageStats(channel, database, collection, 1);
            objects += ((Number) stats.get("count")).longValue();
            dataSize += ((Number) stats.get("size")).longValue();
            indexes += ((Number) stats.get("nindexes")).intValue();
        }
        Document answer = new Document("db", database);
        answer.put("collections", collections.size());
        answer.put("views", 0);
        answer.put("objects", objects);
        answer.put("avgObjSize", objects == 0 ? 0.0 : (double) dataSize / objects);
        answer.put("dataSize", dataSize / scale);
        answer.put("indexes", indexes);
        answer.put("scaleFactor", scale);
        answer.put("embeddedStore", NOT_AVAILABLE);
        answer.put("ok", 1.0);
        return answer;
    }

    /** {@code [{$collStats: {storageStats: {...}, count: {}}}, ...further read-only stages]}. */
    private Document collStatsPipeline(Channel channel, String database, Document query) {
        String collectionName = String.valueOf(query.get("aggregate"));
        List<Document> pipeline = Aggregation.parse(query.get("pipeline"));
        Document options = (Document) pipeline.getFirst().get("$collStats");
        List<Document> rest = pipeline.subList(1, pipeline.size());
        for (String option : options.keySet()) {
            if (!option.equals("storageStats") && !option.equals("count")) {
                throw new MongoServerError(2, "BadValue",
                        "$collStats " + option + " is not available on the embedded store (Playerbase's in-process MongoDB)");
            }
        }
        for (Document stage : rest) {
            String stageName = stage.keySet().iterator().next();
            if (WRITING_STAGES.contains(stageName)) {
                throw new MongoServerError(2, "BadValue", stageName + " after $collStats is not supported on the embedded store");
            }
            for (String field : UNAVAILABLE_STORAGE_STATS) {
                if (stage.toString().contains("storageStats." + field)) {
                    throw new MongoServerError(2, "BadValue", "storageStats." + field + " is not available on the embedded"
                            + " store (Playerbase's in-process MongoDB): its file is not MongoDB's storage engine");
                }
            }
        }

        Document result = new Document("ns", database + "." + collectionName);
        result.put("localTime", Instant.now(backend.getClock()));
        int scale = options.get("storageStats") instanceof Document storageOptions ? scale(storageOptions.get("scale")) : 1;
        Document storage = storageStats(channel, database, collectionName, scale);
        if (options.containsKey("storageStats")) {
            result.put("storageStats", storage);
        }
        if (options.containsKey("count")) {
            result.put("count", storage.get("count"));
        }
        List<Document> documents = Aggregation.fromPipeline(rest, backend::resolveDatabase, backend.resolveDatabase(database),
                collection(database, collectionName), NoopOplog.get()).runStages(Stream.of(result));

        Document cursor = new Document("id", 0L);
        cursor.put("ns", database + "." + collectionName);
        cursor.put("firstBatch", documents);
        Document answer = new Document("cursor", cursor);
        answer.put("ok", 1.0);
        return answer;
    }

    private Document storageStats(Channel channel, String database, String collectionName, int scale) {
        MongoCollection<?> collection = collection(database, collectionName);
        long count = 0;
        long size = 0;
        if (collection != null) {
            for (Document document : collection.queryAll()) {
                count++;
                size += bsonSize(document);
            }
        }
        Document stats = new Document("size", size / scale);
        stats.put("count", count);
        stats.put("avgObjSize", count == 0 ? 0 : size / count);
        stats.put("nindexes", collection == null ? 0 : indexCount(channel, database, collectionName));
        stats.put("capped", false);
        stats.put("scaleFactor", scale);
        return stats;
    }

    private MongoCollection<?> collection(String database, String collectionName) {
        MongoDatabase mongoDatabase = backend.resolveDatabase(database);
        return mongoDatabase.resolveCollection(collectionName, false);
    }

    private int indexCount(Channel channel, String database, String collectionName) {
        return firstBatch(backend.handleCommand(channel, database, "listIndexes", new Document("listIndexes", collectionName))).size();
    }

    private List<String> collectionNames(Channel channel, String database) {
        Document answer = backend.handleCommand(channel, database, "listCollections", new Document("listCollections", 1));
        List<String> names = new ArrayList<>();
        for (Document collection : firstBatch(answer)) {
            names.add(String.valueOf(collection.get("name")));
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static List<Document> firstBatch(Document cursorAnswer) {
        return (List<Document>) ((Document) cursorAnswer.get("cursor")).get("firstBatch");
    }

    private static boolean startsWithCollStats(Document query) {
        return query.get("pipeline") instanceof List<?> pipeline && !pipeline.isEmpty()
                && pipeline.getFirst() instanceof Document first && first.get("$collStats") instanceof Document;
    }

    /** MongoDB's {@code scale}: a positive whole number, 1 when absent. */
    private static int scale(Object value) {
        if (value == null) {
            return 1;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Double d && d == Math.rint(d)) {
            long scale = ((Number) value).longValue();
            if (scale >= 1 && scale <= Integer.MAX_VALUE) {
                return (int) scale;
            }
        }
        throw new MongoServerError(2, "BadValue", "scale has to be a number >= 1");
    }

    private static int bsonSize(Document document) {
        ByteBuf buffer = Unpooled.buffer();
        try {
            BsonEncoder.encodeDocument(document, buffer);
            return buffer.writerIndex();
        } finally {
            buffer.release();
        }
    }
}
