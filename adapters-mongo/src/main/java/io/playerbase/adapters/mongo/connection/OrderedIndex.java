package io.playerbase.adapters.mongo.connection;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A non-unique index of the embedded store, ordered like MongoDB's: the documents' key values in the
 * index's field order and directions, then the position. Stock mongo-java-server does not build
 * secondary indexes at all (every query scans); this one serves one query shape (see {@link #plan}):
 * equalities on the leading fields, at most a range on the next one, and a sort by the fields after
 * them in the index's order (or exactly reversed). The query then reads the index range in order and
 * stops at its limit, so a leaderboard page costs its own size, whatever the collection holds.
 *
 * <p>It is built in memory the first time a query can use it (most indexes of the data model never
 * serve such a query on the embedded store, so they cost nothing) and then kept up to date with every
 * write. An index over an array field (multikey) is dropped for good at the first array met: the query
 * falls back to the stock scan. The whole query still runs through the stock matcher on every document
 * the index yields, so the index only decides which documents are looked at, and in which order.
 * Registered as sparse, as mongo-java-server's placeholder for secondary indexes is: removing a document
 * does not need a position from it.
 */
final class OrderedIndex extends Index<Integer> {

    /** Below or above every value of a field (probe bounds). */
    private enum Bound { LOW, HIGH }

    private record Entry(Object[] values, int position) {
    }

    /**
     * How a query reads the index: the range, the direction, and how tightly the query bounds it (fields
     * pinned by equality, then whether the next one has a range): of several indexes, the tightest serves.
     */
    record Scan(Object[] from, Object[] to, boolean reverse, int pinned, boolean ranged) {

        int tightness() {
            return 2 * pinned + (ranged ? 1 : 0);
        }
    }

    private final List<IndexKey> fields;
    private final String[][] paths;
    private final Comparator<Entry> order;
    private NavigableSet<Entry> entries;
    private List<Entry> byPosition;
    private boolean multikey;

    OrderedIndex(String name, List<IndexKey> keys) {
        super(name, keys, true);
        this.fields = List.copyOf(keys);
        this.paths = fields.stream().map(field -> StoredUniqueIndex.path(field.getKey())).toArray(String[][]::new);
        this.order = (left, right) -> {
            for (int i = 0; i < fields.size(); i++) {
                int cmp = compare(left.values()[i], right.values()[i], fields.get(i).isAscending());
                if (cmp != 0) {
                    return cmp;
                }
            }
            return Integer.compare(left.position(), right.position());
        };
    }

    private static int compare(Object left, Object right, boolean ascending) {
        if (left instanceof Bound || right instanceof Bound) {
            if (left == right) {
                return 0;
            }
            if (left == Bound.LOW || right == Bound.HIGH) {
                return -1;
            }
            return 1;
        }
        return ascending ? ValueComparator.asc().compare(left, right) : ValueComparator.desc().compare(left, right);
    }

    /** Whether the index holds every document (built, and no array met). */
    boolean usable() {
        return entries != null && !multikey;
    }

    /** Whether a query may still use it: built, or buildable (no array met so far). */
    boolean candidate() {
        return !multikey;
    }

    /** Builds the index over the collection's documents (once). */
    void build(Stream<DocumentWithPosition<Integer>> documents) {
        if (entries != null || multikey) {
            return;
        }
        this.entries = new TreeSet<>(order);
        this.byPosition = new ArrayList<>();
        documents.forEach(document -> insert(document.getDocument(), document.getPosition()));
    }

    private Object[] values(Document document) {
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            Object value = StoredUniqueIndex.value(document, fields.get(i).getKey(), paths[i]);
            if (value instanceof Collection<?>) {
                multikey = true;
            }
            values[i] = value;
        }
        return values;
    }

    private void insert(Document document, int position) {
        if (multikey) {
            return;
        }
        Entry entry = new Entry(values(document), position);
        if (multikey) {
            // An array: this index would need one entry per element. Dropped; queries scan as before.
            entries = null;
            byPosition = null;
            return;
        }
        while (byPosition.size() <= position) {
            byPosition.add(null);
        }
        Entry previous = byPosition.get(position);
        if (previous != null && sameValues(previous.values(), entry.values())) {
            // An update that left this index's fields alone: the entry stays where it is in the order.
            return;
        }
        byPosition.set(position, entry);
        if (previous != null) {
            entries.remove(previous);
        }
        entries.add(entry);
    }

    private static boolean sameValues(Object[] before, Object[] after) {
        for (int i = 0; i < before.length; i++) {
            if (!StoredUniqueIndex.sameValue(before[i], after[i])) {
                return false;
            }
        }
        return true;
    }

    /** The document at the position was removed (told by the collection, which knows the position). */
    void delete(int position) {
        if (usable() && position < byPosition.size()) {
            Entry previous = byPosition.set(position, null);
            if (previous != null) {
                entries.remove(previous);
            }
        }
    }

    @Override
    public Integer getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Integer> collection) {
        // Not unique: nothing to check.
    }

    @Override
    public void add(Document document, Integer position, MongoCollection<Integer> collection) {
        if (usable()) {
            insert(document, position);
        }
    }

    /** The collection calls {@link #delete} with the position once the stock indexes found it. */
    @Override
    public Integer remove(Document document) {
        return null;
    }

    @Override
    public boolean canHandle(Document query) {
        // Never for the stock query path: only the sorted scans of plan() use it.
        return false;
    }

    @Override
    public Iterable<Integer> getPositions(Document query) {
        throw new UnsupportedOperationException("read through plan()");
    }

    @Override
    public long getCount() {
        return usable() ? entries.size() : 0;
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Integer> collection) {
        // Not unique: nothing to check.
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Integer position, MongoCollection<Integer> collection) {
        if (usable()) {
            insert(newDocument, position);
        }
    }

    @Override
    public void drop() {
        entries = null;
        byPosition = null;
    }

    /**
     * How this index serves a query sorted by {@code orderBy}, if it can: every leading field up to some
     * k is pinned by an equality ({@code v} or {@code {$eq: v}}, at the top or in a top-level {@code $and}),
     * the sort is the index's fields after k in the index's directions (or all reversed; reversed only when
     * the sort ends with {@code _id}, so no two documents tie), and field k may carry a range
     * ({@code $gt}, {@code $gte}, {@code $lt}, {@code $lte}; a numeric bound keeps the range among numbers,
     * as MongoDB's bounds do).
     */
    Optional<Scan> plan(Document query, Document orderBy) {
        if (multikey || orderBy == null || orderBy.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<Object>> conditions = conditions(query);
        List<String> sortFields = new ArrayList<>(orderBy.keySet());
        int k = 0;
        List<Object> equalities = new ArrayList<>();
        while (k < fields.size() && !fields.get(k).getKey().equals(sortFields.get(0))) {
            Optional<Object> equality = equality(conditions.get(fields.get(k).getKey()));
            if (equality.isEmpty()) {
                return Optional.empty();
            }
            equalities.add(equality.get());
            k++;
        }
        if (k + sortFields.size() > fields.size()) {
            return Optional.empty();
        }
        Boolean reverse = null;
        for (int i = 0; i < sortFields.size(); i++) {
            IndexKey field = fields.get(k + i);
            if (!field.getKey().equals(sortFields.get(i)) || !(orderBy.get(sortFields.get(i)) instanceof Number direction)) {
                return Optional.empty();
            }
            boolean sameDirection = (direction.intValue() > 0) == field.isAscending();
            if (reverse == null) {
                reverse = !sameDirection;
            } else if (reverse == sameDirection) {
                return Optional.empty();
            }
        }
        if (reverse && !"_id".equals(sortFields.get(sortFields.size() - 1))) {
            return Optional.empty();
        }
        Object[] from = new Object[fields.size()];
        Object[] to = new Object[fields.size()];
        for (int i = 0; i < k; i++) {
            from[i] = equalities.get(i);
            to[i] = equalities.get(i);
        }
        Range range = range(conditions.get(fields.get(k).getKey()));
        boolean ascending = fields.get(k).isAscending();
        // In index order the range runs from its low end to its high end (ascending) or the other way.
        Object start = ascending ? range.low() : range.high();
        boolean startInclusive = ascending ? range.lowInclusive() : range.highInclusive();
        Object end = ascending ? range.high() : range.low();
        boolean endInclusive = ascending ? range.highInclusive() : range.lowInclusive();
        from[k] = start == null ? Bound.LOW : start;
        to[k] = end == null ? Bound.HIGH : end;
        for (int i = k + 1; i < fields.size(); i++) {
            from[i] = start == null || startInclusive ? Bound.LOW : Bound.HIGH;
            to[i] = end == null || endInclusive ? Bound.HIGH : Bound.LOW;
        }
        return Optional.of(new Scan(from, to, reverse, k, start != null || end != null));
    }

    /** The positions of a {@link Scan}, in the query's order. */
    Stream<Integer> positions(Scan scan) {
        Entry from = new Entry(scan.from(), Integer.MIN_VALUE);
        Entry to = new Entry(scan.to(), Integer.MAX_VALUE);
        if (order.compare(from, to) > 0) {
            return Stream.empty();
        }
        NavigableSet<Entry> range = entries.subSet(from, true, to, true);
        return (scan.reverse() ? range.descendingSet() : range).stream().map(Entry::position);
    }

    private record Range(Object low, boolean lowInclusive, Object high, boolean highInclusive) {
    }

    private static Range range(List<Object> conditions) {
        Object low = null;
        Object high = null;
        boolean lowInclusive = true;
        boolean highInclusive = true;
        for (Object condition : conditions == null ? List.of() : conditions) {
            if (!(condition instanceof Document operators) || !operators.keySet().stream().allMatch(key -> key.startsWith("$"))) {
                continue;
            }
            for (Map.Entry<String, Object> operator : operators.entrySet()) {
                switch (operator.getKey()) {
                    case "$gt" -> {
                        low = operator.getValue();
                        lowInclusive = false;
                    }
                    case "$gte" -> {
                        low = operator.getValue();
                        lowInclusive = true;
                    }
                    case "$lt" -> {
                        high = operator.getValue();
                        highInclusive = false;
                    }
                    case "$lte" -> {
                        high = operator.getValue();
                        highInclusive = true;
                    }
                    default -> {
                        // other operators are left to the matcher
                    }
                }
            }
        }
        // A numeric bound matches numbers only (MongoDB's type bracketing): bound the other end likewise.
        if (low instanceof Number && high == null) {
            high = Double.POSITIVE_INFINITY;
        } else if (high instanceof Number && low == null) {
            low = Double.NEGATIVE_INFINITY;
        }
        return new Range(low, lowInclusive, high, highInclusive);
    }

    private static Optional<Object> equality(List<Object> conditions) {
        for (Object condition : conditions == null ? List.of() : conditions) {
            if (condition instanceof Document operators && !operators.isEmpty()
                    && operators.keySet().stream().allMatch(key -> key.startsWith("$"))) {
                if (operators.size() == 1 && operators.containsKey("$eq") && !(operators.get("$eq") instanceof Collection<?>)) {
                    return Optional.ofNullable(operators.get("$eq")).map(Object.class::cast);
                }
                continue;
            }
            if (condition != null && !(condition instanceof Collection<?>)) {
                return Optional.of(condition);
            }
        }
        return Optional.empty();
    }

    /** The conditions on each field: the query's own fields and those of its top-level {@code $and} clauses. */
    private static Map<String, List<Object>> conditions(Document query) {
        Map<String, List<Object>> conditions = new LinkedHashMap<>();
        query.forEach((field, condition) -> {
            if (field.equals("$and") && condition instanceof List<?> clauses) {
                for (Object clause : clauses) {
                    if (clause instanceof Document document) {
                        conditions(document).forEach((name, list) -> conditions.computeIfAbsent(name, any -> new ArrayList<>()).addAll(list));
                    }
                }
            } else if (!field.startsWith("$")) {
                conditions.computeIfAbsent(field, any -> new ArrayList<>()).add(condition);
            }
        });
        return conditions;
    }
}
