package io.playerbase.adapters.mongo.connection;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

import java.util.Collection;
import java.util.List;

/**
 * mongo-java-server's two backends, with one change: a query that pins {@code _id} (a value or an
 * {@code $in}, at the top level or in a top-level {@code $and}) <em>and</em> has other conditions is
 * answered from the {@code _id} index, the other conditions being checked on the documents it finds.
 *
 * <p>Stock mongo-java-server uses an index only when the query's fields are exactly the index's fields,
 * so {@code {$and: [{_id: x}, {version: 3}]}} (a conditional update, the way Playerbase writes almost everything)
 * scanned the whole collection; a bulk write of 1000 such updates scanned it 1000 times. Real MongoDB
 * uses the {@code _id} index there. The result is the same either way: every document matching the
 * query has that {@code _id}, and the whole query is still matched on each candidate (the library's
 * own path for indexed queries, {@code matchDocuments} with positions).
 */
final class IdLookupBackends {

    private static final String ID = "_id";
    private static final String AND = "$and";
    private static final Object MISSING = new Object();

    private IdLookupBackends() {
    }

    static MemoryBackend memory() {
        return new Memory();
    }

    static H2Backend h2(String fileName) {
        return new H2(fileName);
    }

    /** The positions of the documents whose {@code _id} the query pins, or {@code null} to let the library decide. */
    static <P> Iterable<P> positionsById(Document query, List<Index<P>> indexes) {
        if (query.size() == 1 && query.containsKey(ID)) {
            return null; // the library's own index path already takes it
        }
        Object id = pinnedId(query);
        if (id == MISSING) {
            return null;
        }
        Document byId = new Document(ID, id);
        for (Index<P> index : indexes) {
            if (index.canHandle(byId)) {
                return index.getPositions(byId);
            }
        }
        return null;
    }

    /**
     * The {@code _id} condition of a query, at its top level or in a top-level {@code $and} (the driver
     * writes {@code Filters.and(eq("_id", x), …)} as {@code {$and: [{_id: x}, …]}}); {@link #MISSING} when
     * there is none. Only conditions every matching document must meet count, so never one under an
     * {@code $or} or a {@code $nor}.
     */
    private static Object pinnedId(Document query) {
        if (query.containsKey(ID)) {
            return query.get(ID);
        }
        if (query.get(AND) instanceof Collection<?> conditions) {
            for (Object condition : conditions) {
                if (condition instanceof Document document) {
                    Object id = pinnedId(document);
                    if (id != MISSING) {
                        return id;
                    }
                }
            }
        }
        return MISSING;
    }

    private static final class Memory extends MemoryBackend {
        @Override
        public MemoryDatabase openOrCreateDatabase(String databaseName) {
            return new MemoryDatabase(databaseName, getCursorRegistry()) {
                @Override
                protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
                    return new MemoryCollection(this, collectionName, options, cursorRegistry) {
                        @Override
                        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                                             int batchSize, Document fieldSelector) {
                            Iterable<Integer> positions = positionsById(query, getIndexes());
                            return positions == null
                                    ? super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector)
                                    : matchDocuments(query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
                        }
                    };
                }
            };
        }
    }

    private static final class H2 extends H2Backend {
        H2(String fileName) {
            super(fileName);
        }

        @Override
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            return new Database(databaseName);
        }

        /**
         * Inner (not static): its collections are opened while H2Database's constructor runs, before a
         * field of its own could be set, so the store comes from the enclosing backend.
         */
        private final class Database extends H2Database {
            Database(String databaseName) {
                super(databaseName, getMvStore(), getCursorRegistry());
            }

            @Override
            protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
                String fullName = getFullCollectionNamespace(collectionName);
                // The same map names as H2Database: files written by the stock backend open unchanged.
                MVMap<Object, de.bwaldvogel.mongo.bson.Document> dataMap = getMvStore().openMap("databases." + fullName);
                MVMap<String, Object> metaMap = getMvStore().openMap("meta." + fullName);
                return new H2Collection(this, collectionName, options, dataMap, metaMap, cursorRegistry) {
                    @Override
                    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                                         int batchSize, Document fieldSelector) {
                        Iterable<Object> positions = positionsById(query, getIndexes());
                        return positions == null
                                ? super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector)
                                : matchDocuments(query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
                    }
                };
            }
        }
    }
}
