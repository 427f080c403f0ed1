package io.playerbase.adapters.mongo.testing;

import io.playerbase.adapters.mongo.migration.ShardKeys;
import io.playerbase.adapters.mongo.migration.ShardKeys.ShardKey;
import io.playerbase.adapters.mongo.testing.CommandRecorder.Recorded;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether recorded commands reach a sharded collection only through its shard key, as {@code mongos}
 * needs to send them to one shard: every filter (of a find, count, aggregate's first {@code $match},
 * update, delete, findAndModify) pins the key's first field with an equality or an {@code $in} (at the
 * top or in a top-level {@code $and}), and every inserted document carries the key's fields. Collections
 * that stay unsharded ({@link ShardKeys#UNSHARDED}) are not checked.
 */
public final class ShardKeyTargeting {

    private ShardKeyTargeting() {
    }

    /** A description of each command that would go to every shard; empty when all are targeted. */
    public static List<String> untargeted(List<Recorded> commands) {
        List<String> problems = new ArrayList<>();
        for (Recorded recorded : commands) {
            BsonDocument command = recorded.command();
            String name = recorded.name();
            BsonValue target = command.get(name);
            if (target == null || !target.isString()) {
                continue;
            }
            Optional<ShardKey> key = ShardKeys.of(target.asString().getValue());
            if (key.isEmpty()) {
                continue;
            }
            String field = key.get().fields().get(0);
            for (BsonDocument filter : filters(name, command)) {
                if (!pins(filter, field)) {
                    problems.add(name + " on " + key.get().collection() + " without " + field + ": " + filter.toJson());
                }
            }
            if (name.equals("insert")) {
                for (BsonValue document : command.getArray("documents", new BsonArray())) {
                    if (!document.asDocument().keySet().containsAll(key.get().fields())) {
                        problems.add("insert into " + key.get().collection() + " without its shard key: " + document.asDocument().keySet());
                    }
                }
            }
        }
        return problems;
    }

    /** The collections of sharded keys the commands touched. */
    public static Set<String> shardedCollections(List<Recorded> commands) {
        Set<String> touched = new TreeSet<>();
        for (Recorded recorded : commands) {
            BsonValue target = recorded.command().get(recorded.name());
            if (target != null && target.isString() && ShardKeys.of(target.asString().getValue()).isPresent()) {
                touched.add(target.asString().getValue());
            }
        }
        return touched;
    }

    private static List<BsonDocument> filters(String name, BsonDocument command) {
        List<BsonDocument> filters = new ArrayList<>();
        switch (name) {
            case "find" -> filters.add(command.getDocument("filter", new BsonDocument()));
            case "count", "distinct", "findAndModify" -> filters.add(command.getDocument("query", new BsonDocument()));
            case "aggregate" -> {
                BsonArray pipeline = command.getArray("pipeline", new BsonArray());
                BsonDocument first = pipeline.isEmpty() ? new BsonDocument() : pipeline.get(0).asDocument();
                filters.add(first.getDocument("$match", new BsonDocument()));
            }
            case "update" -> command.getArray("updates", new BsonArray())
                    .forEach(update -> filters.add(update.asDocument().getDocument("q")));
            case "delete" -> command.getArray("deletes", new BsonArray())
                    .forEach(delete -> filters.add(delete.asDocument().getDocument("q")));
            default -> {
                // insert is checked on its documents; getMore and killCursors continue a targeted cursor
            }
        }
        return filters;
    }

    /** Whether the filter pins {@code field} to one value or a list of values. */
    public static boolean pins(BsonDocument filter, String field) {
        BsonValue condition = filter.get(field);
        if (condition != null) {
            if (!condition.isDocument()) {
                return true;
            }
            BsonDocument operators = condition.asDocument();
            boolean onlyOperators = !operators.isEmpty() && operators.keySet().stream().allMatch(key -> key.startsWith("$"));
            return !onlyOperators || operators.containsKey("$eq") || operators.containsKey("$in");
        }
        BsonValue and = filter.get("$and");
        if (and != null && and.isArray()) {
            for (BsonValue clause : and.asArray()) {
                if (clause.isDocument() && pins(clause.asDocument(), field)) {
                    return true;
                }
            }
        }
        return false;
    }
}
