package io.playerbase.adapters.mongo.maintenance;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.playerbase.adapters.mongo.support.ProgressListener;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;

/**
 * The batch and checkpoint driver: visits a phase's collection in {@code _id} order from the checkpoint
 * on, a batch at a time, saves the position after every batch (an interrupted pass resumes there) and
 * reports how far the phase has got.
 */
final class BatchSweep {

    static final String STATE_ID = "reencryption";

    private final MongoCollection<Document> state;
    private final int batchSize;

    BatchSweep(MongoCollection<Document> state, int batchSize) {
        this.state = state;
        this.batchSize = batchSize;
    }

    Checkpoint load() {
        Document current = state.find(Filters.eq("_id", STATE_ID)).first();
        return current == null ? null : new Checkpoint(current);
    }

    void save(Checkpoint checkpoint) {
        state.replaceOne(Filters.eq("_id", STATE_ID), checkpoint.document(), new ReplaceOptions().upsert(true));
    }

    /**
     * One query for the whole sweep (a query per batch would make the embedded store scan and sort the
     * collection for every batch, its {@code _id} index answering no range).
     */
    void sweep(Phase phase, Checkpoint checkpoint, ProgressListener listener) {
        Object after = checkpoint.lastId();
        Bson filter = after == null ? new Document() : Filters.gt("_id", after);
        // For progress only: an estimate of the whole, and what a resumed sweep has behind it already.
        long total = phase.collection().estimatedDocumentCount();
        long done = after == null ? 0 : phase.collection().countDocuments(Filters.lte("_id", after));
        listener.progress(phase.name(), done, total);
        FindIterable<Document> found = phase.collection().find(filter).sort(Sorts.ascending("_id")).batchSize(batchSize);
        if (phase.projection() != null) {
            found = found.projection(phase.projection());
        }
        List<Document> batch = new ArrayList<>(batchSize);
        try (MongoCursor<Document> cursor = found.iterator()) {
            while (cursor.hasNext()) {
                batch.add(cursor.next());
                if (batch.size() == batchSize) {
                    visit(phase, batch, checkpoint);
                    done += batch.size();
                    listener.progress(phase.name(), done, Math.max(done, total));
                    batch = new ArrayList<>(batchSize);
                }
            }
        }
        if (!batch.isEmpty()) {
            visit(phase, batch, checkpoint);
            done += batch.size();
        }
        listener.progress(phase.name(), done, Math.max(done, total));
    }

    private void visit(Phase phase, List<Document> batch, Checkpoint checkpoint) {
        phase.visit(batch, checkpoint);
        checkpoint.done(phase.name(), batch.get(batch.size() - 1).get("_id"));
        save(checkpoint);
    }
}
