package io.playerbase.adapters.mongo.dashboard;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.playerbase.adapters.mongo.connection.ReadOnlyMongo;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.adapters.mongo.support.UnreadableValues;
import io.playerbase.adapters.mongo.user.SensitiveScalar;
import io.playerbase.domain.dashboard.ActivityLog;
import io.playerbase.domain.dashboard.ActivityWindow;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.FieldCipher.FieldContext;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * {@link ActivityLog} on the read-only role. Each series is one range read over a time index
 * ({@code ix_users_created_at}, {@code ix_dutch_matches_recorded_at}, {@code ix_wallet_transactions_created_at},
 * {@code ix_user_purchases_created_at}),
 * newest first, projected to the fields it needs and limited by the caller. Ledger amounts are
 * encrypted per entry, so they are summed here after decryption, never in the database.
 */
@Singleton
final class ActivityLogMongoAdapter implements ActivityLog {

    private final ReadOnlyMongo mongo;
    private final FieldCipher cipher;
    private final UnreadableValues unreadable;

    ActivityLogMongoAdapter(ReadOnlyMongo mongo, FieldCipher cipher, UnreadableValues unreadable) {
        this.mongo = mongo;
        this.cipher = cipher;
        this.unreadable = unreadable;
    }

    @Override
    public List<Instant> registrations(ActivityWindow window, int limit) {
        return times("users", "created_at", Filters.and(inWindow("created_at", window), Filters.ne("is_comp_player", true)),
                limit);
    }

    @Override
    public List<Instant> matchesReported(ActivityWindow window, int limit) {
        // Applying matches complete (by the report or the recovery pass); rejected ones are deleted.
        return times("dutch_matches", "recorded_at",
                Filters.and(inWindow("recorded_at", window), Filters.in("state", "applying", "applied")), limit);
    }

    @Override
    public List<Instant> purchasesRecorded(ActivityWindow window, int limit) {
        // Every status: a refunded purchase was bought all the same (the refund is a later event).
        return times("user_purchases", "created_at", inWindow("created_at", window), limit);
    }

    @Override
    public List<WalletMovement> walletMovements(ActivityWindow window, int limit) {
        List<WalletMovement> movements = new ArrayList<>();
        // A debt entry (a refund's record of what is owed) leaves the balance alone: what it takes shows as
        // the debt-settlement debits that follow it, so counting it too would take the money twice.
        MongoErrors.run(() -> mongo.find("wallet_transactions", Filters.and(inWindow("created_at", window), Filters.ne("kind", "debt")))
                .projection(Projections.include("created_at", "currency", "amount", "kind", "reverses.kind"))
                .sort(Sorts.descending("created_at")).limit(limit)
                .forEach(document -> movement(document).ifPresent(movements::add)));
        return movements;
    }

    /** The entry's movement; empty, after reporting it, when its amount cannot be read (one corrupt entry never fails the series). */
    private Optional<WalletMovement> movement(Document document) {
        String id = document.getObjectId("_id").toHexString();
        Object amount;
        try {
            amount = SensitiveScalar.decrypt(cipher, document.get("amount"), new FieldContext("wallet_transactions", id, "amount"));
        } catch (FieldCipher.CipherFailure e) {
            unreadable.report("wallet_transactions", id, "amount", e.getMessage());
            return Optional.empty();
        }
        if (!(amount instanceof Number)) {
            unreadable.report("wallet_transactions", id, "amount",
                    "stored as " + (amount == null ? "nothing" : amount.getClass().getSimpleName()) + ", not a number");
            return Optional.empty();
        }
        String kind = document.getString("kind");
        Document reverses = document.get("reverses", Document.class);
        // A reversal moves the other way from the entry it undoes.
        boolean adds = "credit".equals(kind)
                || "reversal".equals(kind) && reverses != null && "debit".equals(reverses.getString("kind"));
        return Optional.of(new WalletMovement(document.getDate("created_at").toInstant(), document.getString("currency"),
                ((Number) amount).longValue(), adds));
    }

    private List<Instant> times(String collection, String field, Bson filter, int limit) {
        List<Instant> times = new ArrayList<>();
        MongoErrors.run(() -> mongo.find(collection, filter)
                .projection(Projections.fields(Projections.include(field), Projections.excludeId()))
                .sort(Sorts.descending(field)).limit(limit)
                .forEach(document -> times.add(document.getDate(field).toInstant())));
        return times;
    }

    /** Only BSON dates match: a legacy value of another type is not a time this series can place. */
    private static Bson inWindow(String field, ActivityWindow window) {
        return Filters.and(Filters.gte(field, Date.from(window.from())), Filters.lt(field, Date.from(window.to())));
    }
}
