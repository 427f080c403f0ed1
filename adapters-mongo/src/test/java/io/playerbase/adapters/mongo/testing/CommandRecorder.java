package io.playerbase.adapters.mongo.testing;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hears the commands of the clients it is given to (as a {@link CommandListener} bean, the connection
 * factory hands it to the service's clients) and keeps those sent by one thread while it records: the
 * synchronous driver sends a command, and tells its listeners, on the caller's thread, so what a test
 * runs on its own thread is told apart from background passes.
 */
public final class CommandRecorder implements CommandListener {

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
