package io.playerbase.adapters.mongo.access;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.playerbase.adapters.mongo.connection.ReadOnlyMongo;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.domain.access.ApiKey;
import io.playerbase.domain.access.ApiKeyId;
import io.playerbase.domain.access.ApiKeyListing;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;

/** {@link ApiKeyListing} on the read-only role: newest first (ids sort by creation time), cursor = last id. */
@Singleton
final class ApiKeyListingMongoAdapter implements ApiKeyListing {

    private final ReadOnlyMongo mongo;

    ApiKeyListingMongoAdapter(ReadOnlyMongo mongo) {
        this.mongo = mongo;
    }

    @Override
    public Page<ApiKey> list(PageRequest page) {
        if (page.cursor() != null && !ApiKeyId.isValid(page.cursor())) {
            throw new InvalidValue("cursor", "is not a cursor returned by this listing");
        }
        Bson filter = page.cursor() == null ? new Document() : Filters.lt("_id", page.cursor());
        List<Document> found = MongoErrors.call(() -> mongo.find(ApiKeyDocuments.COLLECTION, filter)
                .sort(Sorts.descending("_id")).limit(page.limit() + 1).into(new ArrayList<>()));
        boolean more = found.size() > page.limit();
        List<Document> items = more ? found.subList(0, page.limit()) : found;
        return new Page<>(items.stream().map(ApiKeyDocuments::toDomain).toList(),
                more ? items.get(items.size() - 1).getString("_id") : null);
    }
}
