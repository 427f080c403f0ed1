package io.playerbase.bootstrap.sharding;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.bson.BsonDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hears every command the service's MongoDB clients send (it is a {@link CommandListener} bean, which the
 * connection factory hands to the clients) and keeps those sent by one thread while it records: the
 * synchronous driver sends a command, and tells its listeners, on the caller's thread, so what a use
 * case runs on the test thread is told apart from background passes.
 */
@Singleton
@Requires(property = "test.record-mongo-commands", value = "true")
public final class RecordedMongoCommands implements CommandListener {

    /** One command as sent: its name ({@code find}, {@code update}…) and the whole command document. */
    public record Recorded(String name, BsonDocument command) {
    }

    private final List<Recorded> recorded = new CopyOnWriteArrayList<>();
    private volatile Thread recording;

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (Thread.currentThread() == recording) {
            recorded.add(new Recorded(event.getCommandName(), event.getCommand().clone()));
        }
    }

    /** The commands {@code action} sends from the current thread. */
    public synchronized List<Recorded> during(Runnable action) {
        recorded.clear();
        recording = Thread.currentThread();
        try {
            action.run();
        } finally {
            recording = null;
        }
        return new ArrayList<>(recorded);
    }
}
