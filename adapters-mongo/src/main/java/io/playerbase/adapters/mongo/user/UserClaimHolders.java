package io.playerbase.adapters.mongo.user;

import com.mongodb.client.MongoDatabase;
import io.micronaut.context.annotation.Factory;
import io.playerbase.domain.shared.ClaimHolder;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** The two claim kinds of a user's blind-index entries. */
@Factory
final class UserClaimHolders {

    @Singleton
    @Named(UserMongoAdapter.EMAIL)
    ClaimHolder emailClaims(MongoDatabase database) {
        return new UserClaimsMongoAdapter(UserMongoAdapter.EMAIL, "email_bidx",
                database.getCollection(UserDocumentMapper.COLLECTION));
    }

    @Singleton
    @Named(UserMongoAdapter.USERNAME)
    ClaimHolder usernameClaims(MongoDatabase database) {
        return new UserClaimsMongoAdapter(UserMongoAdapter.USERNAME, "username_bidx",
                database.getCollection(UserDocumentMapper.COLLECTION));
    }
}
