package io.playerbase.adapters.mongo.testing;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.mongodb.annotation.MongoRepository;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.serde.annotation.Serdeable;

/** A minimal Micronaut Data entity and repository for {@link EmbeddedSessionTest}. */
final class SessionProbe {

    private SessionProbe() {
    }

    @MappedEntity("session_probes")
    @Serdeable
    record Probe(@Id String id, String note) {
    }

    @MongoRepository
    interface ProbeRepository extends CrudRepository<Probe, String> {
    }
}
