package io.playerbase.adapters.mongo.referral;

import io.playerbase.adapters.mongo.testing.MongoTarget;

class ReferralAccountMongoAdapterEmbeddedTest extends ReferralAccountMongoAdapterTest {

    @Override
    MongoTarget target() {
        return MongoTarget.EMBEDDED;
    }
}
