package io.playerbase.adapters.mongo.migration;

import com.mongodb.client.MongoDatabase;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.Execution;
import io.mongock.api.annotations.RollbackExecution;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The first setup of an <b>empty embedded store</b>: the change units run in their order, each exactly as
 * Mongock would run it (same constructor dependencies, same {@code @Execution} method), and are then
 * recorded in Mongock's change log as Mongock records them, so every later run (a release with a new
 * unit) sees them applied. It spares a fresh start Mongock's own work — its lock and change-log
 * collections with their index checks, a lock taken twice, its system unit, an entry written after every
 * unit — about a fifth of a second of the README's first start (docs/benchmarks.md).
 *
 * <p>Only for the embedded store this process started: the store's file lock keeps every other process
 * from its data directory, so Mongock's lock has nobody to keep out. (Its loopback port is open to tools
 * during this first start, but a second service instance pointed there would not wait for this setup:
 * point instances at a real MongoDB, which is always migrated by Mongock under its lock.) A setup that
 * fails records nothing: the store is then no longer empty, and the next start runs every unit again
 * through Mongock (each unit is idempotent).
 */
final class FreshSetup {

    private static final Logger LOG = LoggerFactory.getLogger(FreshSetup.class);
    /** Mongock's system change unit: on an empty change log it has nothing to convert, and is recorded as run. */
    private static final String SYSTEM_UNIT = "io.mongock.runner.core.executor.system.changes.SystemChangeUnit00001";

    private final MongoDatabase database;
    private final Map<Class<?>, Object> dependencies;

    /**
     * @param dependencies what the units' constructors ask for besides the database, by parameter type (the
     *                     dependencies the runner gives Mongock)
     */
    FreshSetup(MongoDatabase database, Map<Class<?>, Object> dependencies) {
        this.database = database;
        this.dependencies = dependencies;
    }

    /** Whether the database has no collection at all: nothing to take over, nothing left half done. */
    static boolean isEmpty(MongoDatabase database) {
        return database.listCollectionNames().first() == null;
    }

    /** Runs the units in order and records them; throws (recording nothing) when one fails. */
    void run(List<Class<?>> units) {
        // Mongock's own form of an execution id, shared by the entries of one run.
        String executionId = LocalDateTime.now() + "-" + ThreadLocalRandom.current().nextInt(999);
        String hostname = hostname();
        List<Document> entries = new ArrayList<>();
        entries.add(entry(executionId, "system-change-00001_before", "mongock", SYSTEM_UNIT, "beforeExecution",
                "BEFORE_EXECUTION", 0, hostname, true));
        entries.add(entry(executionId, "system-change-00001", "mongock", SYSTEM_UNIT, "execution",
                "EXECUTION", 0, hostname, true));
        for (Class<?> unit : units) {
            ChangeUnit changeUnit = unit.getAnnotation(ChangeUnit.class);
            Object instance = instantiate(unit);
            Method execution = annotated(unit, Execution.class);
            long started = System.nanoTime();
            try {
                execution.invoke(instance);
            } catch (InvocationTargetException e) {
                rollback(unit, instance);
                throw new IllegalStateException("Error in method[" + unit.getSimpleName() + "." + execution.getName() + "] : "
                        + e.getCause().getMessage(), e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("Change unit " + unit.getName() + " cannot be run", e);
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            entries.add(entry(executionId, changeUnit.id(), changeUnit.author(), unit.getName(), execution.getName(),
                    "EXECUTION", millis, hostname, false));
        }
        database.getCollection(MigrationRunner.CHANGE_LOG_COLLECTION).insertMany(entries);
        LOG.info("Empty embedded store set up: {} change units run in order and recorded in Mongock's change log", units.size());
    }

    /** The unit's one public constructor, given the database and the dependencies by type, as Mongock does. */
    private Object instantiate(Class<?> unit) {
        Constructor<?>[] constructors = unit.getConstructors();
        if (constructors.length != 1) {
            throw new IllegalStateException("Change unit " + unit.getName() + " must have exactly one public constructor");
        }
        Object[] arguments = Arrays.stream(constructors[0].getParameterTypes()).map(type -> {
            if (type == MongoDatabase.class) {
                return database;
            }
            Object dependency = dependencies.get(type);
            if (dependency == null) {
                throw new IllegalStateException("Change unit " + unit.getName() + " needs a " + type.getName() + ", which is not given");
            }
            return dependency;
        }).toArray();
        try {
            return constructors[0].newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Change unit " + unit.getName() + " could not be created: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Change unit " + unit.getName() + " could not be created", e);
        }
    }

    private static void rollback(Class<?> unit, Object instance) {
        try {
            annotated(unit, RollbackExecution.class).invoke(instance);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Rollback of {} failed: {}", unit.getSimpleName(), e.toString());
        }
    }

    private static Method annotated(Class<?> unit, Class<? extends Annotation> annotation) {
        return Arrays.stream(unit.getMethods()).filter(method -> method.isAnnotationPresent(annotation)).findFirst()
                .orElseThrow(() -> new IllegalStateException("Change unit " + unit.getName() + " has no @" + annotation.getSimpleName()));
    }

    /** An entry as Mongock's change log holds it. */
    private static Document entry(String executionId, String changeId, String author, String changeLogClass, String method,
                                  String type, long millis, String hostname, boolean system) {
        return new Document("executionId", executionId)
                .append("changeId", changeId)
                .append("author", author)
                .append("timestamp", new Date())
                .append("state", "EXECUTED")
                .append("type", type)
                .append("changeLogClass", changeLogClass)
                .append("changeSetMethod", method)
                .append("metadata", null)
                .append("executionMillis", millis)
                .append("executionHostname", hostname)
                .append("errorTrace", null)
                .append("systemChange", system);
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
