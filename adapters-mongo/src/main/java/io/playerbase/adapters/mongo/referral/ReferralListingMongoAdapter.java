package io.playerbase.adapters.mongo.referral;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.playerbase.adapters.mongo.connection.ReadOnlyMongo;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.domain.referral.Referral;
import io.playerbase.domain.referral.ReferralLink;
import io.playerbase.domain.referral.ReferralListing;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ReferralListing} on the read-only database role: a referrer's links newest redemption first,
 * ties by id (the cursor holds both of the last link), with the other accounts' usernames read in one
 * query per page: nothing else of them.
 */
@Singleton
final class ReferralListingMongoAdapter implements ReferralListing {

    private final ReadOnlyMongo mongo;

    ReferralListingMongoAdapter(ReadOnlyMongo mongo) {
        this.mongo = mongo;
    }

    @Override
    public Page<ReferralLink> referredBy(UserId referrer, PageRequest page) {
        Bson query = Filters.eq("referrer_id", new ObjectId(referrer.value()));
        if (page.cursor() != null) {
            Cursor after = Cursor.decode(page.cursor());
            query = Filters.and(query, Filters.or(Filters.lt("redeemed_at", after.redeemedAt()),
                    Filters.and(Filters.eq("redeemed_at", after.redeemedAt()), Filters.lt("_id", after.id()))));
        }
        Bson filter = query;
        List<Document> found = MongoErrors.call(() -> mongo.find(ReferralDocumentMapper.COLLECTION, filter)
                .sort(Sorts.descending("redeemed_at", "_id")).limit(page.limit() + 1).into(new ArrayList<>()));
        boolean more = found.size() > page.limit();
        List<Referral> items = (more ? found.subList(0, page.limit()) : found).stream()
                .map(ReferralDocumentMapper::toDomain).toList();
        Map<UserId, String> names = usernames(items.stream().map(Referral::referee).toList());
        Referral last = items.isEmpty() ? null : items.get(items.size() - 1);
        return new Page<>(items.stream().map(referral -> new ReferralLink(referral, names.getOrDefault(referral.referee(), "")))
                .toList(), more ? new Cursor(Date.from(last.redeemedAt()), new ObjectId(last.id().value())).encode() : null);
    }

    @Override
    public Optional<ReferralLink> referralOf(UserId referee) {
        Optional<Referral> referral = MongoErrors.call(() -> Optional.ofNullable(mongo.find(ReferralDocumentMapper.COLLECTION,
                Filters.eq("_id", new ObjectId(referee.value()))).first()).map(ReferralDocumentMapper::toDomain));
        return referral.map(found -> new ReferralLink(found,
                usernames(List.of(found.referrer())).getOrDefault(found.referrer(), "")));
    }

    private Map<UserId, String> usernames(List<UserId> ids) {
        Map<UserId, String> names = new HashMap<>();
        if (ids.isEmpty()) {
            return names;
        }
        MongoErrors.run(() -> mongo.find("users", Filters.in("_id", ids.stream().map(id -> new ObjectId(id.value())).toList()))
                .projection(Projections.include("username"))
                .forEach(user -> names.put(new UserId(user.getObjectId("_id").toHexString()),
                        String.valueOf(user.get("username")))));
        return names;
    }

    private record Cursor(Date redeemedAt, ObjectId id) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((redeemedAt.getTime() + ":" + id.toHexString()).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String value) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
                int colon = text.indexOf(':');
                String id = text.substring(colon + 1);
                if (colon < 1 || !ObjectId.isValid(id) || id.length() != 24) {
                    throw new IllegalArgumentException("not a cursor");
                }
                return new Cursor(new Date(Long.parseLong(text.substring(0, colon))), new ObjectId(id));
            } catch (IllegalArgumentException e) {
                throw new InvalidValue("cursor", "is not a cursor returned by this listing");
            }
        }
    }
}
