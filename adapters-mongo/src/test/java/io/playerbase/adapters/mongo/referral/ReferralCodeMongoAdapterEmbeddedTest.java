package io.playerbase.adapters.mongo.referral;

import io.playerbase.adapters.mongo.testing.MongoTarget;

class ReferralCodeMongoAdapterEmbeddedTest extends ReferralCodeMongoAdapterTest {

    @Override
    MongoTarget target() {
        return MongoTarget.EMBEDDED;
    }
}
