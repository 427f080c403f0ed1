package io.playerbase.adapters.mongo.audit;

import io.micronaut.data.model.Pageable;
import io.micronaut.data.mongodb.annotation.MongoRepository;
import io.micronaut.data.repository.CrudRepository;
import org.bson.types.ObjectId;

import java.util.List;

@MongoRepository
interface AuditLogDocumentRepository extends CrudRepository<AuditLogDocument, String> {

    List<AuditLogDocument> findByUserId(ObjectId userId, Pageable pageable);
}
