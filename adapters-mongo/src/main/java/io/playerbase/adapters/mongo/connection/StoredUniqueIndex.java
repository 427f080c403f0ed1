package io.playerbase.adapters.mongo.connection;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;

import java.util.List;
import java.util.Objects;

/**
 * mongo-java-server's unique index, told cheaply that an update left its keys alone. For every index of the
 * collection, every update asks twice whether the old and the new document have the same keys, and the stock
 * answer builds and normalizes both documents' key sets each time: on a collection with several unique
 * indexes, most of an update's work when the update does not touch them (a wallet, Dutch statistics, a
 * backfill). Values that are equal and of the same class give the same normalized keys, so they answer at
 * once; anything else (a number of another type, a changed value) gets the stock comparison.
 */
final class StoredUniqueIndex extends MemoryUniqueIndex {

    private final List<String> keys;
    private final List<String[]> paths;

    StoredUniqueIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.keys = keys.stream().map(IndexKey::getKey).toList();
        this.paths = this.keys.stream().map(StoredUniqueIndex::path).toList();
    }

    @Override
    protected boolean nullAwareEqualsKeys(Document oldDocument, Document newDocument) {
        for (int i = 0; i < keys.size(); i++) {
            if (!sameValue(value(oldDocument, keys.get(i), paths.get(i)), value(newDocument, keys.get(i), paths.get(i)))) {
                return super.nullAwareEqualsKeys(oldDocument, newDocument);
            }
        }
        return true;
    }

    /** An index key's path, split once (mongo-java-server splits it with a regular expression at every look). */
    static String[] path(String key) {
        return key.split("\\.");
    }

    /**
     * {@code Utils.getSubdocumentValueCollectionAware(document, key)}, walking the split path through documents
     * directly; an array met on the way is left to mongo-java-server's own walk, which handles its elements.
     */
    static Object value(Document document, String key, String[] path) {
        Object current = document;
        for (int i = 0; i < path.length; i++) {
            if (current instanceof Document subdocument) {
                current = subdocument.getOrMissing(path[i]);
            } else if (current instanceof List<?>) {
                return Utils.getSubdocumentValueCollectionAware(document, key);
            } else {
                return Missing.getInstance();
            }
        }
        return current;
    }

    /**
     * Equal (Java's equality: the same number type, documents with the same fields in the same order, arrays
     * element by element) and of the same class: the same index key whatever MongoDB's normalization. Also
     * used by {@link OrderedIndex}.
     */
    static boolean sameValue(Object before, Object after) {
        return before == after || before != null && after != null && before.getClass() == after.getClass()
                && Objects.equals(before, after);
    }
}
