package io.playerbase.adapters.mongo.migration;

import org.bson.Document;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shard key of every collection that grows with the players, and why; the collections that stay
 * unsharded (on the database's primary shard) and why (docs/scaling.md has the same table). Applied
 * by {@link V0101_ShardCollections} on a sharded cluster; the targeted-query tests check every hot
 * path's filters against it.
 *
 * <p>A unique index survives sharding only when the shard key's fields are a prefix of it (MongoDB
 * compares field names, so a hashed key on {@code match_id} keeps a unique index on {@code match_id});
 * the uniqueness rules that cannot be put that way live in {@code claims}.
 */
public final class ShardKeys {

    /** One sharded collection: its key (fields in order, {@code 1} or {@code "hashed"}) and the reason. */
    public record ShardKey(String collection, Document key, String reason) {

        public List<String> fields() {
            return List.copyOf(key.keySet());
        }

        public boolean hashed() {
            return key.containsValue("hashed");
        }
    }

    public static final List<ShardKey> SHARDED = List.of(
            new ShardKey("users", new Document("_id", "hashed"),
                    "every hot path reads and writes a user by _id (log-in after its claim, profile, wallet, "
                            + "match players, purchase counters); ids grow with time, so a ranged key would send "
                            + "every registration to the last chunk"),
            new ShardKey("claims", new Document("_id", "hashed"),
                    "claims are read and written by _id only; the _id index stays unique per claim because each _id "
                            + "lives on one shard"),
            new ShardKey("user_keys", new Document("_id", "hashed"),
                    "one data key per user, read by the user id"),
            new ShardKey("wallet_transactions", new Document("user_id", "hashed"),
                    "a statement and every ledger write name the user; {user_id, sequence} would break the unique "
                            + "{user_id, operation_id} index that makes a movement happen once, {user_id} keeps both "
                            + "unique indexes"),
            new ShardKey("user_audit_logs", new Document("user_id", 1).append("timestamp", 1),
                    "inserts and the history name the user; the timestamp lets one busy user's history split into "
                            + "several chunks"),
            new ShardKey("user_purchases", new Document("user_id", "hashed"),
                    "the grant reads and counts a player's purchases by user id; the store transaction's "
                            + "uniqueness moves to its claim"),
            new ShardKey("dutch_matches", new Document("match_id", "hashed"),
                    "every step of a report reads or writes the match by match_id; hashed, because game servers' "
                            + "ids may grow with time; the unique match_id index stays valid"),
            new ShardKey("idempotency_keys", new Document("client", 1).append("key", 1),
                    "every use is by (client, key), which is also the unique index"),
            new ShardKey("rate_limit_counters", new Document("_id", "hashed"),
                    "a counter is read and counted by _id (the blind index of the limited key)"),
            new ShardKey("subscriptions", new Document("_id", "hashed"),
                    "one per store subscription, read and written by _id (store and original transaction) on every "
                            + "claim and App Store notification; the Google token lookup, an account's list and the "
                            + "sweep's due query go to every shard, at the rate of renewals and support reads"),
            new ShardKey("referrals", new Document("_id", "hashed"),
                    "one per referred account (_id = its user id), read and written by _id when it redeems and "
                            + "qualifies; a referrer's list and the recovery pass go to every shard"),
            new ShardKey("referral_codes", new Document("_id", "hashed"),
                    "one per code, read by _id (the normalized code) at every redemption; the _id index keeps "
                            + "codes unique because each _id lives on one shard"));

    /** Collections that stay unsharded: small, or read by something other than a player's key. */
    public static final Map<String, String> UNSHARDED = unsharded();

    private ShardKeys() {
    }

    public static Optional<ShardKey> of(String collection) {
        return SHARDED.stream().filter(key -> key.collection().equals(collection)).findFirst();
    }

    private static Map<String, String> unsharded() {
        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put("user_modules", "five registry entries");
        reasons.put("store_products", "the catalog: tens of products");
        reasons.put("api_keys", "tens of keys; the key id is the _id");
        reasons.put("store_notifications", "a log of the stores' notifications, written at the rate of refunds and renewals");
        reasons.put("dutch_comp_player_picks", "one document per computer player");
        reasons.put("dutch_rankings", "the leaderboard marks: a few documents per board");
        reasons.put("leases", "one document per background job");
        reasons.put("encryption_state", "one document per re-encryption phase");
        reasons.put("playerbase_meta", "the production mark");
        reasons.put("mongockChangeLog", "Mongock's change log");
        reasons.put("mongockLock", "Mongock's lock");
        return reasons;
    }
}
