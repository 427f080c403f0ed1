package io.playerbase.adapters.mongo.connection;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The embedded store's backend (on mongo-java-server 1.47's core): documents live in memory, as in its
 * memory backend, and the file store additionally records every change in a {@link DocumentFile}
 * (BSON images, compacted in the background). Before, the file store was mongo-java-server's H2
 * backend, which kept documents and index keys as Java-serialized objects in an MVStore: half the CPU
 * of a write went to serialization, and the file grew by about 150 MB per 1,000 writes of 2 KB documents.
 *
 * <p>Two changes to the stock query path: a query that pins {@code _id} (an equality or {@code $in})
 * next to other conditions, as every conditional single-document write of Playerbase does
 * ({@code {$and: [{_id: X}, {state: ...}]}}), finds its candidates through the unique {@code _id} index
 * and then applies the whole query to them (stock mongo-java-server uses an index only when the query's
 * keys are exactly the index's keys, so such a write scanned the collection); and the data size is the
 * documents' size in the file (none in memory) instead of a second encoding of each document per write.
 *
 * <p>Tied to mongo-java-server's protected extension points; {@code EmbeddedMongoServerTest} and
 * {@code IdIndexedBackendsComparisonTest} check them, so an upgrade that breaks them fails the build.
 */
final class IdIndexedBackends {

    private IdIndexedBackends() {
    }

    static AbstractMongoBackend inMemory() {
        return new StoredBackend(DocumentFile.none());
    }

    /** The backend over a document file: every database recorded in it is opened with its documents and indexes. */
    static StoredBackend file(DocumentFile file) {
        StoredBackend backend = new StoredBackend(file);
        for (String database : file.databases()) {
            backend.resolveDatabase(database);
        }
        file.compactIfLarge();
        return backend;
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

    static final class StoredBackend extends AbstractMongoBackend {
        private final DocumentFile file;

        StoredBackend(DocumentFile file) {
            this.file = file;
        }

        @Override
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            return new StoredDatabase(databaseName, getCursorRegistry(), file);
        }

        void commit() {
            file.commit();
        }

        @Override
        public void close() {
            super.close();
            file.close();
        }
    }

    private static final class StoredDatabase extends AbstractSynchronizedMongoDatabase<Integer> {
        private final DocumentFile file;

        StoredDatabase(String databaseName, CursorRegistry cursorRegistry, DocumentFile file) {
            super(databaseName, cursorRegistry);
            this.file = file;
            // Opens system.namespaces, then the collections it names, then system.indexes and its indexes:
            // each collection takes its documents from the file as it is opened, the indexes are built over them.
            initializeNamespacesAndIndexes();
        }

        @Override
        protected StoredCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            StoredCollection collection = new StoredCollection(this, collectionName, options, cursorRegistry, file);
            collection.restore(file.restore(getDatabaseName(), collectionName));
            return collection;
        }

        @Override
        protected Index<Integer> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                         boolean sparse) {
            return new StoredUniqueIndex(indexName, keys, sparse);
        }

        /** Stock mongo-java-server ignores secondary indexes; ours serve sorted range reads ({@link OrderedIndex}). */
        @Override
        protected Index<Integer> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                            boolean sparse) {
            return new OrderedIndex(indexName, keys);
        }

        @Override
        protected long getStorageSize() {
            return file.sizes()[0];
        }

        @Override
        protected long getFileSize() {
            return file.sizes()[0];
        }
    }

    /**
     * mongo-java-server's memory collection, plus the file records, the {@code _id} candidates and the
     * sorted reads of {@link OrderedIndex}es.
     */
    static final class StoredCollection extends AbstractSynchronizedMongoCollection<Integer> {
        private final List<Document> documents = new ArrayList<>();
        /** Bytes of each position's record in the file (0 in memory). */
        private final List<Integer> sizes = new ArrayList<>();
        private final ArrayDeque<Integer> free = new ArrayDeque<>();
        private final DocumentFile file;
        private long dataSize;

        StoredCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                         CursorRegistry cursorRegistry, DocumentFile file) {
            super(database, collectionName, options, cursorRegistry);
            this.file = file;
            file.register(this);
        }

        /** Places the documents read from the file at their positions (before any index exists). */
        synchronized void restore(Map<Integer, DocumentFile.Stored> stored) {
            for (Map.Entry<Integer, DocumentFile.Stored> entry : stored.entrySet()) {
                int position = entry.getKey();
                while (documents.size() <= position) {
                    documents.add(null);
                    sizes.add(0);
                }
                documents.set(position, entry.getValue().document());
                int size = entry.getValue().size();
                sizes.set(position, size);
                dataSize += size;
            }
            for (int position = 0; position < documents.size(); position++) {
                if (documents.get(position) == null) {
                    free.add(position);
                }
            }
            file.live(dataSize);
        }

        synchronized void forEachDocument(DocumentFile.DocumentVisitor visitor) {
            for (int position = 0; position < documents.size(); position++) {
                Document document = documents.get(position);
                if (document != null) {
                    visitor.visit(position, document);
                }
            }
        }

        private void record(int position, Document document) {
            int size = file.put(getDatabase().getDatabaseName(), getCollectionName(), position, document);
            int delta = size - sizes.get(position);
            sizes.set(position, size);
            dataSize += delta;
            file.live(delta);
        }

        @Override
        protected Integer addDocumentInternal(Document document) {
            Integer position = free.poll();
            if (position == null) {
                position = documents.size();
                documents.add(document);
                sizes.add(0);
            } else {
                documents.set(position, document);
            }
            record(position, document);
            return position;
        }

        @Override
        protected void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
            // The stored document was changed in place (newDocument is it).
            record(position, newDocument);
        }

        @Override
        protected void removeDocument(Integer position) {
            for (Index<Integer> index : getIndexes()) {
                if (index instanceof OrderedIndex ordered) {
                    ordered.delete(position);
                }
            }
            documents.set(position, null);
            free.add(position);
            file.delete(getDatabase().getDatabaseName(), getCollectionName(), position);
            int size = sizes.set(position, 0);
            dataSize -= size;
            file.live(-size);
        }

        @Override
        public synchronized void drop() {
            super.drop();
            file.drop(getDatabase().getDatabaseName(), getCollectionName());
            file.live(-dataSize);
            file.unregister(this);
        }

        @Override
        public synchronized void renameTo(MongoDatabase newDatabase, String newCollectionName) {
            file.drop(getDatabase().getDatabaseName(), getCollectionName());
            super.renameTo(newDatabase, newCollectionName);
            for (int position = 0; position < documents.size(); position++) {
                if (documents.get(position) != null) {
                    record(position, documents.get(position));
                }
            }
        }

        @Override
        protected void updateDataSize(int sizeDelta) {
            // Not kept per write: dataSize follows the file records.
        }

        @Override
        protected boolean tracksDataSize() {
            return false;
        }

        @Override
        protected synchronized int getDataSize() {
            return (int) Math.min(Integer.MAX_VALUE, dataSize);
        }

        @Override
        public synchronized int count() {
            return documents.size() - free.size();
        }

        @Override
        public synchronized boolean isEmpty() {
            return count() == 0;
        }

        @Override
        protected Document getDocument(Integer position) {
            return documents.get(position);
        }

        @Override
        protected Integer findDocumentPosition(Document document) {
            int position = documents.indexOf(document);
            return position < 0 ? null : position;
        }

        @Override
        protected Stream<DocumentWithPosition<Integer>> streamAllDocumentsWithPosition() {
            return IntStream.range(0, documents.size())
                    .filter(position -> documents.get(position) != null)
                    .mapToObj(position -> new DocumentWithPosition<>(documents.get(position), position));
        }

        @Override
        protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                             int batchSize, Document fieldSelector) {
            List<Document> all = new ArrayList<>(count());
            for (Document document : documents) {
                if (document != null) {
                    all.add(document);
                }
            }
            if (isNaturalDescending(orderBy)) {
                Collections.reverse(all);
            }
            return matchDocumentsFromStream(all.stream(), query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        /**
         * A sorted query an {@link OrderedIndex} can serve (built now if it is not yet): the documents of the
         * index range in order, through the whole query, up to skip + limit; {@code null} when none can. Of
         * several indexes that can, the one the query bounds tightest (most fields pinned) serves.
         */
        private QueryResult queryInIndexOrder(Document query, Document orderBy, int numberToSkip, int limit,
                                              int batchSize, Document fieldSelector) {
            if (orderBy == null || orderBy.isEmpty() || orderBy.containsKey("$natural")) {
                return null;
            }
            OrderedIndex best = null;
            OrderedIndex.Scan bestScan = null;
            for (Index<Integer> index : getIndexes()) {
                if (index instanceof OrderedIndex ordered && ordered.candidate()) {
                    Optional<OrderedIndex.Scan> scan = ordered.plan(query, orderBy);
                    if (scan.isPresent() && (bestScan == null || scan.get().tightness() > bestScan.tightness())) {
                        best = ordered;
                        bestScan = scan.get();
                    }
                }
            }
            if (best == null) {
                return null;
            }
            best.build(streamAllDocumentsWithPosition());
            if (!best.usable()) {
                return null;
            }
            Stream<Document> inOrder = best.positions(bestScan).map(this::getDocument);
            return matchDocumentsFromStream(query, inOrder, numberToSkip, limit, batchSize, null, fieldSelector);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                             int batchSize, Document fieldSelector) {
            Object id = indexableIdCondition(query);
            if (id == null) {
                QueryResult ordered = queryInIndexOrder(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
                if (ordered != null) {
                    return ordered;
                }
                return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            }
            QueryResult candidates = super.queryDocuments(new Document("_id", id), null, 0, 0, 0, null);
            return matchDocumentsFromStream(StreamSupport.stream(candidates.spliterator(), false), query, orderBy,
                    numberToSkip, limit, batchSize, fieldSelector);
        }
    }
}
