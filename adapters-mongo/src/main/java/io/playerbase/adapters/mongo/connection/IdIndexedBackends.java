package io.playerbase.adapters.mongo.connection;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * The embedded store's backends (mongo-java-server 1.47, in memory and H2 file) with one change: a
 * query that pins {@code _id} (an equality or {@code $in}) next to other conditions, as every
 * conditional single-document write of Playerbase does ({@code {$and: [{_id: X}, {state: ...}]}}),
 * finds its candidates through the unique {@code _id} index and then applies the whole query to them.
 * Stock mongo-java-server uses an index only when the query's keys are exactly the index's keys, so such
 * a write scanned the whole collection: its cost grew with the number of users. The result is the same
 * either way: only the candidates change, and every one still has to match the whole query.
 *
 * <p>Second change: the collections do not keep a running total of their data size (which cost two
 * BSON encodings of the whole document on every write, and a metadata write in the H2 file). Only
 * {@code collStats}/{@code dbStats} report it, and Playerbase reads neither.
 *
 * <p>Tied to mongo-java-server's protected extension points (and, for H2, to the name of one private
 * field); {@code EmbeddedMongoServerTest} checks both backends, so an upgrade that breaks them fails
 * the build.
 */
final class IdIndexedBackends {

    private IdIndexedBackends() {
    }

    static MemoryBackend inMemory() {
        return new IndexedMemoryBackend();
    }

    static H2Backend h2File(String fileName) {
        return new IndexedH2Backend(MVStore.open(fileName));
    }

    /**
     * The condition on {@code _id} that every match of the query must meet, when the query has one the
     * {@code _id} index can answer and other conditions besides; otherwise null (a query on {@code _id}
     * alone already uses the index).
     */
    static Object indexableIdCondition(Document query) {
        Object condition = null;
        if (query.containsKey("_id")) {
            condition = query.size() > 1 ? query.get("_id") : null;
        } else if (query.get("$and") instanceof List<?> clauses) {
            for (Object clause : clauses) {
                if (clause instanceof Document document && document.containsKey("_id")) {
                    condition = document.get("_id");
                    break;
                }
            }
        }
        if (condition instanceof Document operators) {
            // {$in: [...]} is answered by the index; other operators would scan anyway.
            return operators.size() == 1 && operators.containsKey("$in") ? condition : null;
        }
        return condition;
    }

    // ---- in memory

    private static final class IndexedMemoryBackend extends MemoryBackend {
        @Override
        public MemoryDatabase openOrCreateDatabase(String databaseName) {
            return new IndexedMemoryDatabase(databaseName, getCursorRegistry());
        }
    }

    private static final class IndexedMemoryDatabase extends MemoryDatabase {
        IndexedMemoryDatabase(String databaseName, CursorRegistry cursorRegistry) {
            super(databaseName, cursorRegistry);
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            return new IndexedMemoryCollection(this, collectionName, options, cursorRegistry);
        }
    }

    private static final class IndexedMemoryCollection extends MemoryCollection {
        IndexedMemoryCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                                CursorRegistry cursorRegistry) {
            super(database, collectionName, options, cursorRegistry);
        }

        /** Not kept: see the class comment. */
        @Override
        protected boolean tracksDataSize() {
            return false;
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                             int batchSize, Document fieldSelector) {
            Object id = indexableIdCondition(query);
            if (id == null) {
                return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            }
            QueryResult candidates = super.queryDocuments(new Document("_id", id), null, 0, 0, 0, null);
            return matchDocumentsFromStream(StreamSupport.stream(candidates.spliterator(), false), query, orderBy,
                    numberToSkip, limit, batchSize, fieldSelector);
        }
    }

    // ---- H2 file

    /** H2Database's map names (private there): the data and the metadata of a collection. */
    private static final String DATA_MAP_PREFIX = "databases.";
    private static final String META_MAP_PREFIX = "meta.";

    /** H2Backend and H2Database keep their MVStore private; both set it before opening anything. */
    private static final VarHandle BACKEND_STORE = storeField(H2Backend.class);
    private static final VarHandle DATABASE_STORE = storeField(H2Database.class);

    private static VarHandle storeField(Class<?> owner) {
        try {
            return MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).findVarHandle(owner, "mvStore", MVStore.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("mongo-java-server changed: " + owner.getName() + " has no mvStore field", e);
        }
    }

    private static final class IndexedH2Backend extends H2Backend {
        IndexedH2Backend(MVStore store) {
            super(store);
        }

        @Override
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            // Also called from H2Backend's constructor, for the databases already in the file.
            return new IndexedH2Database(databaseName, (MVStore) BACKEND_STORE.get(this), getCursorRegistry());
        }
    }

    private static final class IndexedH2Database extends H2Database {
        IndexedH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
            super(databaseName, store, cursorRegistry);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            // Also called from H2Database's constructor, for the collections already in the file.
            MVStore store = (MVStore) DATABASE_STORE.get(this);
            String fullName = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> dataMap = store.openMap(DATA_MAP_PREFIX + fullName);
            MVMap<String, Object> metaMap = store.openMap(META_MAP_PREFIX + fullName);
            return new IndexedH2Collection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
        }
    }

    private static final class IndexedH2Collection extends H2Collection {
        IndexedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                            MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
            super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
        }

        /** Not kept: see the class comment. */
        @Override
        protected boolean tracksDataSize() {
            return false;
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                             int batchSize, Document fieldSelector) {
            Object id = indexableIdCondition(query);
            if (id == null) {
                return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            }
            QueryResult candidates = super.queryDocuments(new Document("_id", id), null, 0, 0, 0, null);
            return matchDocumentsFromStream(StreamSupport.stream(candidates.spliterator(), false), query, orderBy,
                    numberToSkip, limit, batchSize, fieldSelector);
        }
    }
}
