package io.playerbase.adapters.mongo.referral;

import io.playerbase.adapters.mongo.testing.MongoTarget;

class ReferralMongoAdapterEmbeddedTest extends ReferralMongoAdapterTest {

    @Override
    MongoTarget target() {
        return MongoTarget.EMBEDDED;
    }
}
