package io.playerbase.adapters.mongo.audit;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.playerbase.adapters.mongo.connection.ReadOnlyMongo;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.AuditTrail;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * {@link AuditTrail} on the read-only database role: a user's entries newest first, ties on the
 * timestamp broken by entry id. The cursor encodes both of the last entry, so a page never repeats or
 * skips an entry even when several share a millisecond.
 */
@Singleton
final class AuditTrailMongoAdapter implements AuditTrail {

    static final String COLLECTION = "user_audit_logs";

    private final ReadOnlyMongo mongo;

    AuditTrailMongoAdapter(ReadOnlyMongo mongo) {
        this.mongo = mongo;
    }

    @Override
    public Page<AuditEntry> forUser(UserId userId, PageRequest page) {
        Bson query = Filters.eq("user_id", new ObjectId(userId.value()));
        if (page.cursor() != null) {
            Cursor after = Cursor.decode(page.cursor());
            query = Filters.and(query, Filters.or(
                    Filters.lt("timestamp", after.timestamp()),
                    Filters.and(Filters.eq("timestamp", after.timestamp()), Filters.lt("_id", after.id()))));
        }
        Bson filter = query;
        List<Document> found = MongoErrors.call(() -> mongo.find(COLLECTION, filter)
                .sort(Sorts.descending("timestamp", "_id")).limit(page.limit() + 1).into(new ArrayList<>()));
        boolean more = found.size() > page.limit();
        List<Document> items = more ? found.subList(0, page.limit()) : found;
        Document last = items.isEmpty() ? null : items.get(items.size() - 1);
        return new Page<>(items.stream().map(AuditTrailMongoAdapter::toEntry).toList(),
                more ? new Cursor(last.getDate("timestamp"), last.getString("_id")).encode() : null);
    }

    static AuditEntry toEntry(Document document) {
        Actor actor = new Actor(document.getString("actor"),
                Actor.ActorRole.valueOf(document.getString("actor_role").toUpperCase(Locale.ROOT)),
                // Entries of the old system may lack a request id.
                document.getString("request_id") == null ? "" : document.getString("request_id"));
        List<String> fields = document.getList("changed_fields", String.class);
        return new AuditEntry(document.getString("_id"), new UserId(document.getObjectId("user_id").toHexString()),
                actor, document.getString("action"), document.getString("module"), fields == null ? List.of() : fields,
                document.getDate("timestamp").toInstant());
    }

    private record Cursor(Date timestamp, String id) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((timestamp.getTime() + ":" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String value) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
                int colon = text.indexOf(':');
                String id = text.substring(colon + 1);
                if (colon < 1 || id.isEmpty()) {
                    throw new IllegalArgumentException("no separator");
                }
                return new Cursor(new Date(Long.parseLong(text.substring(0, colon))), id);
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new InvalidValue("cursor", "is not a cursor returned by this listing");
            }
        }
    }
}
