package io.playerbase.bootstrap.wallet;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;

/**
 * Wraps the service's one {@link MongoClient} (so every adapter, Micronaut Data included, goes through
 * it) and lets a test crash the process at the n-th database write of its own thread: that write and
 * every later one fail, as if the process had died just before it. Reads pass, writes of other threads
 * (scheduled jobs) are neither counted nor stopped.
 */
@Singleton
@Requires(property = "test.mongo-faults", value = "true")
final class MongoFaults implements BeanCreatedEventListener<MongoClient> {

    private static final Set<String> WRITES = Set.of("insertOne", "insertMany", "updateOne", "updateMany",
            "replaceOne", "deleteOne", "deleteMany", "findOneAndUpdate", "findOneAndReplace", "findOneAndDelete",
            "bulkWrite");

    /** The process died: nothing after it runs, so no layer may catch it as an ordinary failure. */
    static final class Crash extends Error {
        Crash() {
            super("simulated crash before a database write");
        }
    }

    private volatile Thread armed;
    private int writes;
    private int crashAt = Integer.MAX_VALUE;

    /** Counts the writes the calling thread makes from now on; the n-th and all later ones crash. */
    synchronized void crashAtWrite(int n) {
        armed = Thread.currentThread();
        writes = 0;
        crashAt = n;
    }

    /** Counts writes of the calling thread without crashing; {@link #writes()} tells how many. */
    synchronized void count() {
        crashAtWrite(Integer.MAX_VALUE);
    }

    synchronized int writes() {
        return writes;
    }

    /** A restarted process: writes go through again. */
    synchronized void restart() {
        armed = null;
        crashAt = Integer.MAX_VALUE;
    }

    private synchronized void beforeWrite() {
        if (Thread.currentThread() == armed && ++writes >= crashAt) {
            throw new Crash();
        }
    }

    @Override
    public MongoClient onCreated(BeanCreatedEvent<MongoClient> event) {
        return wrap(MongoClient.class, event.getBean());
    }

    @SuppressWarnings("unchecked")
    private <T> T wrap(Class<T> type, T target) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            if (type == MongoCollection.class && WRITES.contains(method.getName())) {
                beforeWrite();
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result instanceof MongoCollection<?> collection && method.getReturnType() == MongoCollection.class) {
                return wrap(MongoCollection.class, collection);
            }
            if (result instanceof MongoDatabase database && method.getReturnType() == MongoDatabase.class) {
                return wrap(MongoDatabase.class, database);
            }
            return result;
        });
    }
}
