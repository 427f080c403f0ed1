package io.playerbase.adapters.mongo.user;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.playerbase.adapters.mongo.connection.ReadOnlyMongo;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.adapters.mongo.support.UnreadableValues;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.PersonalDataKeys;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserFilter;
import io.playerbase.domain.user.UserSearch;
import io.playerbase.domain.user.UserStatus;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * {@link UserSearch} on the read-only database role. Newest first by {@code _id}; the cursor is the
 * last {@code _id} of a page, so pages stay stable while users register. Email and username match
 * through their blind indexes only.
 */
@Singleton
final class UserSearchMongoAdapter implements UserSearch {

    private final ReadOnlyMongo mongo;
    private final UserDocumentMapper mapper;
    private final PersonalDataKeys dataKeys;
    private final FieldCipher serviceCipher;
    private final UnreadableValues unreadableValues;

    UserSearchMongoAdapter(ReadOnlyMongo mongo, UserDocumentMapper mapper, PersonalDataKeys dataKeys,
                           FieldCipher serviceCipher, UnreadableValues unreadableValues) {
        this.mongo = mongo;
        this.mapper = mapper;
        this.dataKeys = dataKeys;
        this.serviceCipher = serviceCipher;
        this.unreadableValues = unreadableValues;
    }

    @Override
    public Page<User> search(UserFilter filter, PageRequest page) {
        List<Bson> conditions = new ArrayList<>();
        if (filter.email() != null) {
            conditions.add(Filters.in("email_bidx", mapper.emailLookups(filter.email())));
        }
        if (filter.username() != null) {
            conditions.add(Filters.in("username_bidx", mapper.usernameLookups(filter.username())));
        }
        if (filter.status() != null) {
            // The old system wrote no status for active accounts.
            conditions.add(filter.status() == UserStatus.ACTIVE
                    ? Filters.or(Filters.eq("status", UserStatus.ACTIVE.wire()), Filters.exists("status", false))
                    : Filters.eq("status", filter.status().wire()));
        }
        if (filter.compPlayer() != null) {
            conditions.add(filter.compPlayer() ? Filters.eq("is_comp_player", true) : Filters.ne("is_comp_player", true));
        }
        if (page.cursor() != null) {
            conditions.add(Filters.lt("_id", cursor(page.cursor())));
        }
        Bson query = conditions.isEmpty() ? new Document() : Filters.and(conditions);
        List<Document> found = MongoErrors.call(() -> mongo.find(UserDocumentMapper.COLLECTION, query)
                .sort(Sorts.descending("_id")).limit(page.limit() + 1).into(new ArrayList<>()));
        boolean more = found.size() > page.limit();
        List<Document> items = more ? found.subList(0, page.limit()) : found;
        Map<Object, String> wrappedKeys = new HashMap<>();
        MongoErrors.run(() -> mongo.find(UserDataKeys.COLLECTION,
                        Filters.in("_id", items.stream().map(item -> item.get("_id")).toList()))
                .forEach(key -> wrappedKeys.put(key.get("_id"), key.getString("wrapped_key"))));
        return new Page<>(items.stream().map(item -> toDomain(item, wrappedKeys.get(item.get("_id")))).toList(),
                more ? items.get(items.size() - 1).getObjectId("_id").toHexString() : null);
    }

    /** Personal fields under the user's data key (through the read-only role too); erased users are not decrypted. */
    private User toDomain(Document document, String wrappedKey) {
        if (UserDocumentMapper.isErased(document)) {
            return mapper.toDomain(document, null);
        }
        UserId id = new UserId(document.getObjectId("_id").toHexString());
        return mapper.toDomain(document, wrappedKey == null ? serviceCipher
                : DataKeyCiphers.open(dataKeys, serviceCipher, unreadableValues, id, wrappedKey));
    }

    private static ObjectId cursor(String value) {
        if (!ObjectId.isValid(value) || value.length() != 24) {
            throw new InvalidValue("cursor", "is not a cursor returned by this listing");
        }
        return new ObjectId(value);
    }
}
