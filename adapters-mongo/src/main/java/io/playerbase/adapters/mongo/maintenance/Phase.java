package io.playerbase.adapters.mongo.maintenance;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.List;

/** One collection's part of the pass, visited by {@link BatchSweep} in {@code _id} order. */
interface Phase {

    /** The name stored in the checkpoint; never changed once released (an interrupted pass resumes by it). */
    String name();

    MongoCollection<Document> collection();

    /** The fields the phase reads, or {@code null} for whole documents. */
    Bson projection();

    /** Handles a batch of documents in {@code _id} order; counts go into the checkpoint. */
    void visit(List<Document> batch, Checkpoint checkpoint);
}
