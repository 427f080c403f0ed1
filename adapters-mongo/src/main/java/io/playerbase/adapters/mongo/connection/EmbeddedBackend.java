package io.playerbase.adapters.mongo.connection;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.exception.NoSuchCommandException;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Wraps a mongo-java-server backend so that the real MongoDB driver can use client sessions against it.
 *
 * <p>The driver only starts sessions (Micronaut Data opens one for every repository call, Mongock one
 * per run) when the handshake reports {@code logicalSessionTimeoutMinutes}; stock mongo-java-server
 * does not, and does not know the transaction commands. This wrapper adds the field to
 * {@code isMaster}/{@code hello} and acknowledges the session and transaction commands. It does
 * <b>not</b> add transactions: every write is applied at once and "abort" undoes nothing, which is
 * why Playerbase never relies on multi-document transactions.
 *
 * <p>After each command that may write it runs {@code afterCommand} (the file store commits there, so
 * an acknowledged write survives a crash of the process); commands known to only read skip it.
 */
final class EmbeddedBackend implements MongoBackend {

    static final int LOGICAL_SESSION_TIMEOUT_MINUTES = 30;

    private static final Set<String> ACKNOWLEDGED_ONLY = Set.of(
            "committransaction", "aborttransaction", "endsessions", "refreshsessions", "killsessions");

    /** Commands that never change data: nothing to commit after them. Anything else commits. */
    private static final Set<String> READ_ONLY = Set.of(
            "find", "getmore", "count", "distinct", "killcursors", "listcollections", "listindexes", "listdatabases",
            "ping", "buildinfo", "serverstatus", "dbstats", "collstats", "getlasterror", "getparameter",
            "whatsmyuri", "hostinfo", "connectionstatus", "getcmdlineopts", "getlog", "getfreemonitoringstatus");

    private final MongoBackend delegate;
    private final Runnable afterCommand;
    private final StatsCommands stats;

    EmbeddedBackend(MongoBackend delegate, Runnable afterCommand) {
        this.delegate = delegate;
        this.afterCommand = afterCommand;
        this.stats = new StatsCommands(delegate);
        delegate.version(ReportedVersion.MONGODB_5_0);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("hello") || name.equals("ismaster")) {
            Document response = delegate.handleCommand(channel, database, "ismaster", query);
            if (name.equals("hello")) {
                response.put("isWritablePrimary", Boolean.TRUE);
            }
            response.put("logicalSessionTimeoutMinutes", LOGICAL_SESSION_TIMEOUT_MINUTES);
            return response;
        }
        if (ACKNOWLEDGED_ONLY.contains(name)) {
            Document ok = new Document();
            ok.put("ok", 1.0);
            return ok;
        }
        Document statsAnswer = stats.handle(channel, database, command, query);
        if (statsAnswer != null) {
            return statsAnswer;
        }
        if (READ_ONLY.contains(name)) {
            return delegated(channel, database, command, query);
        }
        try {
            return delegated(channel, database, command, query);
        } finally {
            afterCommand.run();
        }
    }

    /** The delegate's answer; a command it does not know says that the embedded store lacks it. */
    private Document delegated(Channel channel, String database, String command, Document query) {
        try {
            return delegate.handleCommand(channel, database, command, query);
        } catch (NoSuchCommandException e) {
            // mongo-java-server's admin database knows only a few commands (e.g. no aggregate): say where.
            String where = "admin".equals(database) ? " in the admin database" : "";
            throw new MongoServerError(e.getCode(), e.getCodeName(), e.getMessageWithoutErrorCode() + where
                    + " (not supported by the embedded store, Playerbase's in-process MongoDB)");
        }
    }

    /**
     * OP_MSG requests (everything a modern driver sends) arrive here. The delegate would dispatch
     * them to its own {@code handleCommand}, bypassing the interception above, so dispatch here.
     */
    @Override
    public Document handleMessage(MongoMessage message) {
        Document query = message.getDocument();
        String command = query.keySet().iterator().next();
        return handleCommand(message.getChannel(), message.getDatabaseName(), command, query);
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return delegate.handleQuery(query);
    }

    @Override
    public void handleClose(Channel channel) {
        delegate.handleClose(channel);
    }

    @Override
    public void dropDatabase(String database) {
        delegate.dropDatabase(database);
        afterCommand.run();
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return delegate.getCurrentOperations(query);
    }

    @Override
    public Document getServerStatus() {
        return delegate.getServerStatus();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        delegate.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return delegate.getClock();
    }

    @Override
    public void enableOplog() {
        delegate.enableOplog();
    }

    @Override
    public void disableOplog() {
        delegate.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return delegate.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        delegate.version(version);
        return this;
    }
}
