package io.playerbase.bootstrap.ops;

import io.playerbase.adapters.mongo.connection.EmbeddedMongoServer;

/**
 * A stand-alone MongoDB-protocol server process for {@link SeveralInstancesEndToEndTest}: an
 * in-memory mongo-java-server on a free port of 127.0.0.1, printed as {@code LISTENING <connection
 * string>}; it runs until its standard input closes (the test ends) or it is killed.
 */
public final class StandaloneMongoServer {

    private StandaloneMongoServer() {
    }

    public static void main(String[] args) throws Exception {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.startInMemory(0)) {
            System.out.println("LISTENING " + server.connectionString());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to go away
            }
        }
    }
}
