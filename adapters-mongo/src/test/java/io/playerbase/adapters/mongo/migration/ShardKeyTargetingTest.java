package io.playerbase.adapters.mongo.migration;

import io.playerbase.adapters.mongo.testing.CommandRecorder.Recorded;
import io.playerbase.adapters.mongo.testing.ShardKeyTargeting;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The check the targeted-query tests rely on finds what would go to every shard. */
class ShardKeyTargetingTest {

    private static Recorded command(String name, String json) {
        return new Recorded(name, BsonDocument.parse(json));
    }

    @Test
    void filtersThatPinTheShardKeyPass() {
        List<Recorded> commands = List.of(
                command("find", "{find: 'users', filter: {_id: {$oid: '65f1c0ffee0123456789abcd'}}}"),
                command("find", "{find: 'users', filter: {$and: [{_id: {$in: [1, 2]}}, {status: 'active'}]}}"),
                command("update", "{update: 'wallet_transactions', updates: [{q: {user_id: 1, sequence: {$gt: 3}}, u: {}}]}"),
                command("findAndModify", "{findAndModify: 'claims', query: {_id: {$eq: 'email:k1:ab'}}}"),
                command("insert", "{insert: 'dutch_matches', documents: [{_id: 1, match_id: 'm-1'}]}"),
                command("find", "{find: 'api_keys', filter: {name: 'unsharded collections are not checked'}}"),
                command("getMore", "{getMore: 42, collection: 'users'}"));
        assertEquals(List.of(), ShardKeyTargeting.untargeted(commands));
    }

    @Test
    void filtersWithoutTheShardKeyAreReported() {
        List<Recorded> commands = List.of(
                command("find", "{find: 'users', filter: {email_bidx: {$in: ['k1:ab']}}}"),
                command("update", "{update: 'dutch_matches', updates: [{q: {_id: 7, state: 'applying'}, u: {}}]}"),
                command("aggregate", "{aggregate: 'user_purchases', pipeline: [{$match: {status: 'granted'}}]}"),
                command("delete", "{delete: 'claims', deletes: [{q: {owner: 'x'}, limit: 1}]}"),
                command("find", "{find: 'users', filter: {_id: {$gt: 3}}}"),
                command("insert", "{insert: 'user_audit_logs', documents: [{_id: 'a', action: 'x'}]}"));
        assertEquals(6, ShardKeyTargeting.untargeted(commands).size(), ShardKeyTargeting.untargeted(commands).toString());
    }

    @Test
    void aRangeIsNoPin() {
        assertFalse(ShardKeyTargeting.pins(BsonDocument.parse("{_id: {$lt: 5}}"), "_id"));
        assertTrue(ShardKeyTargeting.pins(BsonDocument.parse("{_id: {a: 1}}"), "_id"), "an embedded document is a value");
    }
}
