package io.playerbase.adapters.mongo.connection;

import de.bwaldvogel.mongo.MongoVersion;

import java.util.List;

/**
 * The MongoDB version the embedded server reports in its handshake ({@code hello}/{@code isMaster}),
 * {@code buildInfo} and {@code serverStatus}: 5.0 with its real wire version, 13.
 *
 * <p>mongo-java-server 1.47 says "5.0.0" but hands out wire version 8 (MongoDB 4.2), which today's
 * drivers refuse (the Node.js driver inside mongosh 2.x and Compass needs at least 9). Wire version 13
 * tells a driver it may use what 4.4 and 5.0 added; the ones a driver uses unasked are OP_MSG, sessions
 * and the {@code hello} command, which the embedded server answers. Streaming (awaitable) monitoring
 * stays off because the handshake carries no {@code topologyVersion}. {@code EmbeddedToolsDriverTest}, {@code MongoshEmbeddedStoreTest}
 * and {@code docs/embedded-store.md} record what was checked with which clients.
 */
enum ReportedVersion implements MongoVersion {
    MONGODB_5_0;

    static final int WIRE_VERSION = 13;

    @Override
    public List<Integer> getVersionArray() {
        return List.of(5, 0, 0);
    }

    @Override
    public int getWireVersion() {
        return WIRE_VERSION;
    }
}
