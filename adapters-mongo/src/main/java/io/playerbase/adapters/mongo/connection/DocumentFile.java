package io.playerbase.adapters.mongo.connection;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import java.util.Arrays;

/**
 * The embedded store's file: an append-only log of document images in BSON, the encoding of the wire
 * protocol (mongo-java-server's own encoder and decoder, so every value it accepts round-trips).
 *
 * <p>A record is {@code length(4) crc32c(4) kind(1) database collection position(4) [bson]}, where
 * {@code kind} is put (the whole document at that position of the collection, as it is now), delete
 * (the position is free) or drop (the collection is gone). Because every put is a whole image, replaying
 * the log in order, or any record again, gives the latest state: that is what lets the compaction run
 * beside the writers. Opening the file replays it; a torn last record (a crash in the middle of a
 * write) fails its checksum and is cut off.
 *
 * <p>Writers append to a buffer while they hold their collection's lock, so the log orders the changes
 * of one document as they happened; {@link #commit()} writes the buffer to the file (the operating
 * system's cache: a killed process loses nothing acknowledged, a power loss may lose the last writes,
 * as before). When the file holds more than twice the live documents, a background compaction writes
 * every live document into a new file, adds what was appended meanwhile, and renames it over the old
 * one: the file stays below about three times the live data and shrinks after deletes.
 */
final class DocumentFile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentFile.class);

    static final String FILE_NAME = "playerbase.docs";
    private static final byte[] MAGIC = "PBDOCS1\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte PUT = 1;
    private static final byte DELETE = 2;
    private static final byte DROP = 3;
    /** Below this the file is never compacted: rewriting a small file would only cost writes. */
    private static final long MIN_COMPACTION_SIZE = 1 << 20;

    /** Records of one collection read at open: position to BSON. */
    private final Map<String, Map<String, TreeMap<Integer, byte[]>>> restored = new HashMap<>();
    private final Set<IdIndexedBackends.StoredCollection> collections = ConcurrentHashMap.newKeySet();
    private final Path file;
    private final Path compacting;
    private final ExecutorService compactor;
    /** Held while the store is open: one process per data directory. */
    private final FileChannel lockChannel;
    private ByteBuf buffer = Unpooled.buffer(1 << 16);
    private ByteBuf pending;
    private FileChannel channel;
    private long fileSize;
    private long liveBytes;
    private long compactions;

    /** A store without a file: the in-memory store. Nothing is encoded or written. */
    static DocumentFile none() {
        return new DocumentFile();
    }

    private DocumentFile() {
        this.file = null;
        this.compacting = null;
        this.compactor = null;
        this.lockChannel = null;
    }

    private DocumentFile(Path file) throws IOException {
        this.file = file;
        this.lockChannel = FileChannel.open(file.resolveSibling(file.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (lockChannel.tryLock() == null) {
            lockChannel.close();
            throw new IllegalStateException("The embedded store " + file + " is in use by another process");
        }
        this.compacting = file.resolveSibling(file.getFileName() + ".compacting");
        Files.deleteIfExists(compacting);
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (channel.size() == 0) {
            channel.write(ByteBuffer.wrap(MAGIC));
        } else {
            long valid = replay();
            if (valid < channel.size()) {
                LOG.warn("The embedded store {} ends with an incomplete record (a crash while writing): cut {} bytes",
                        file, channel.size() - valid);
                channel.truncate(valid);
            }
        }
        this.fileSize = channel.size();
        channel.position(fileSize);
        this.compactor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedded-store-compaction");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Opens (or creates) the file and reads it; the collections take their documents with {@link #restore}. */
    static DocumentFile open(Path file) {
        try {
            return new DocumentFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the embedded store " + file, e);
        }
    }

    boolean persistent() {
        return file != null;
    }

    /** The databases that have records in the file (opened at start). */
    synchronized Set<String> databases() {
        return Set.copyOf(restored.keySet());
    }

    /** A document read from the file, with the bytes its record takes there. */
    record Stored(Document document, int size) {
    }

    /** The documents the file holds for a collection, by position; each collection takes them once, when opened. */
    synchronized Map<Integer, Stored> restore(String database, String collection) {
        Map<String, TreeMap<Integer, byte[]>> byCollection = restored.get(database);
        TreeMap<Integer, byte[]> records = byCollection == null ? null : byCollection.remove(collection);
        Map<Integer, Stored> documents = new TreeMap<>();
        if (records != null) {
            int overhead = recordOverhead(database, collection);
            records.forEach((position, bson) -> documents.put(position,
                    new Stored(BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson)), overhead + bson.length)));
        }
        return documents;
    }

    private static int recordOverhead(String database, String collection) {
        return 8 + 1 + 2 + database.getBytes(StandardCharsets.UTF_8).length + 2
                + collection.getBytes(StandardCharsets.UTF_8).length + 4;
    }

    void register(IdIndexedBackends.StoredCollection collection) {
        if (persistent()) {
            collections.add(collection);
        }
    }

    void unregister(IdIndexedBackends.StoredCollection collection) {
        collections.remove(collection);
    }

    /**
     * Records the document now at {@code position}; returns the bytes it takes in the file (0 without a
     * file). Called under the collection's lock, which orders the records of its documents; the encoding
     * happens before this file's own lock, so writers of different collections encode in parallel.
     */
    int put(String database, String collection, int position, Document document) {
        if (file == null) {
            return 0;
        }
        ByteBuf bson = Unpooled.buffer(1024);
        BsonEncoder.encodeDocument(document, bson);
        synchronized (this) {
            return append(PUT, database, collection, position, bson);
        }
    }

    void delete(String database, String collection, int position) {
        if (file != null) {
            synchronized (this) {
                append(DELETE, database, collection, position, null);
            }
        }
    }

    void drop(String database, String collection) {
        if (file != null) {
            synchronized (this) {
                append(DROP, database, collection, -1, null);
            }
        }
    }

    /** The live documents' share of the file changed by {@code delta} bytes. */
    void live(long delta) {
        if (file != null && delta != 0) {
            synchronized (this) {
                liveBytes += delta;
            }
        }
    }

    private int append(byte kind, String database, String collection, int position, ByteBuf bson) {
        byte[] db = database.getBytes(StandardCharsets.UTF_8);
        byte[] coll = collection.getBytes(StandardCharsets.UTF_8);
        int bodyLength = 1 + 2 + db.length + 2 + coll.length + 4 + (bson == null ? 0 : bson.readableBytes());
        int start = buffer.writerIndex();
        buffer.writeInt(bodyLength);
        buffer.writeInt(0);
        int bodyStart = buffer.writerIndex();
        buffer.writeByte(kind);
        buffer.writeShort(db.length).writeBytes(db);
        buffer.writeShort(coll.length).writeBytes(coll);
        buffer.writeInt(position);
        if (bson != null) {
            buffer.writeBytes(bson, bson.readerIndex(), bson.readableBytes());
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.nioBuffer(bodyStart, bodyLength));
        buffer.setInt(start + 4, (int) crc.getValue());
        if (pending != null) {
            pending.writeBytes(buffer, start, 8 + bodyLength);
        }
        return 8 + bodyLength;
    }

    /** Writes what was appended to the file; starts a compaction when the file got too large for its live data. */
    synchronized void commit() {
        if (!persistent() || buffer.readableBytes() == 0) {
            return;
        }
        try {
            fileSize += writeFully(channel, buffer);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the embedded store " + file, e);
        }
        buffer.clear();
        if (buffer.capacity() > 1 << 22) {
            buffer = Unpooled.buffer(1 << 16);
        }
        if (pending == null && fileSize > MIN_COMPACTION_SIZE && fileSize > 2 * liveBytes) {
            startCompaction();
        }
    }

    private static long writeFully(FileChannel channel, ByteBuf bytes) throws IOException {
        ByteBuffer nio = bytes.nioBuffer();
        long written = nio.remaining();
        while (nio.hasRemaining()) {
            channel.write(nio);
        }
        return written;
    }

    /** Starts a compaction if the file holds more than twice its live data (used after opening). */
    synchronized void compactIfLarge() {
        if (persistent() && pending == null && fileSize > MIN_COMPACTION_SIZE && fileSize > 2 * liveBytes) {
            startCompaction();
        }
    }

    private void startCompaction() {
        pending = Unpooled.buffer(1 << 16);
        compactor.execute(this::compact);
    }

    /** File size and live bytes, for tests and benchmarks. */
    synchronized long[] sizes() {
        return new long[]{fileSize, liveBytes, compactions};
    }

    private void compact() {
        long started = System.nanoTime();
        try (FileChannel out = FileChannel.open(compacting, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(MAGIC));
            ByteBuf snapshot = Unpooled.buffer(1 << 20);
            ByteBuf bson = Unpooled.buffer(1 << 16);
            for (IdIndexedBackends.StoredCollection collection : List.copyOf(collections)) {
                synchronized (collection) {
                    if (!collections.contains(collection)) {
                        continue;
                    }
                    String database = collection.getDatabase().getDatabaseName();
                    String name = collection.getCollectionName();
                    collection.forEachDocument((position, document) -> {
                        bson.clear();
                        BsonEncoder.encodeDocument(document, bson);
                        writeRecord(snapshot, PUT, database, name, position, bson);
                    });
                }
                if (snapshot.readableBytes() > 1 << 20) {
                    writeFully(out, snapshot);
                    snapshot.clear();
                }
            }
            writeFully(out, snapshot);
            synchronized (this) {
                // Records appended since the start, in order, replayed after the snapshot: the latest state wins.
                writeFully(out, pending);
                out.force(false);
                Files.move(compacting, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                long before = fileSize;
                channel.close();
                channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                fileSize = channel.size();
                channel.position(fileSize);
                buffer.clear();
                pending = null;
                compactions++;
                LOG.debug("Compacted the embedded store {}: {} -> {} bytes in {} ms", file, before, fileSize,
                        (System.nanoTime() - started) / 1_000_000);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Compaction of the embedded store {} failed; the store goes on with the old file", file, e);
            synchronized (this) {
                pending = null;
            }
        }
    }

    /** Same layout as {@link #append}, for the snapshot (written by the compaction thread, outside the lock). */
    private static void writeRecord(ByteBuf target, byte kind, String database, String collection, int position, ByteBuf bson) {
        byte[] db = database.getBytes(StandardCharsets.UTF_8);
        byte[] coll = collection.getBytes(StandardCharsets.UTF_8);
        int bodyLength = 1 + 2 + db.length + 2 + coll.length + 4 + bson.readableBytes();
        int start = target.writerIndex();
        target.writeInt(bodyLength);
        target.writeInt(0);
        int bodyStart = target.writerIndex();
        target.writeByte(kind);
        target.writeShort(db.length).writeBytes(db);
        target.writeShort(coll.length).writeBytes(coll);
        target.writeInt(position);
        target.writeBytes(bson, bson.readerIndex(), bson.readableBytes());
        CRC32C crc = new CRC32C();
        crc.update(target.nioBuffer(bodyStart, bodyLength));
        target.setInt(start + 4, (int) crc.getValue());
    }

    /** Reads every record; returns the length of the valid part of the file. */
    private long replay() throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + " is not a Playerbase document file");
            }
            long valid = MAGIC.length;
            while (true) {
                int length;
                int crc;
                byte[] body;
                try {
                    length = in.readInt();
                    crc = in.readInt();
                    if (length < 9 || length > 64 << 20) {
                        return valid;
                    }
                    body = new byte[length];
                    in.readFully(body);
                } catch (EOFException torn) {
                    return valid;
                }
                CRC32C check = new CRC32C();
                check.update(body);
                if ((int) check.getValue() != crc) {
                    return valid;
                }
                apply(ByteBuffer.wrap(body));
                valid += 8 + length;
            }
        }
    }

    private void apply(ByteBuffer body) {
        byte kind = body.get();
        String database = string(body);
        String collection = string(body);
        int position = body.getInt();
        Map<String, TreeMap<Integer, byte[]>> byCollection = restored.computeIfAbsent(database, name -> new HashMap<>());
        switch (kind) {
            case PUT -> {
                byte[] bson = new byte[body.remaining()];
                body.get(bson);
                byCollection.computeIfAbsent(collection, name -> new TreeMap<>()).put(position, bson);
            }
            case DELETE -> {
                TreeMap<Integer, byte[]> records = byCollection.get(collection);
                if (records != null) {
                    records.remove(position);
                }
            }
            case DROP -> {
                byCollection.remove(collection);
                if (byCollection.isEmpty()) {
                    restored.remove(database);
                }
            }
            default -> throw new IllegalStateException("Unknown record kind " + kind + " in " + file);
        }
    }

    private static String string(ByteBuffer body) {
        byte[] bytes = new byte[body.getShort()];
        body.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Writes every document of the given collections as a new file (the conversion of an H2 file). */
    static void write(Path target, Map<String, Map<String, List<Document>>> databases) throws IOException {
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(MAGIC));
            ByteBuf records = Unpooled.buffer(1 << 20);
            ByteBuf bson = Unpooled.buffer(1 << 16);
            for (var database : databases.entrySet()) {
                for (var collection : database.getValue().entrySet()) {
                    int position = 0;
                    for (Document document : collection.getValue()) {
                        bson.clear();
                        BsonEncoder.encodeDocument(document, bson);
                        writeRecord(records, PUT, database.getKey(), collection.getKey(), position++, bson);
                    }
                    writeFully(out, records);
                    records.clear();
                }
            }
            out.force(true);
        }
    }

    @Override
    public void close() {
        if (!persistent()) {
            return;
        }
        compactor.shutdown();
        try {
            compactor.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            commit();
            try {
                channel.close();
                lockChannel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot close the embedded store " + file, e);
            }
        }
    }

    /** For the compaction: the documents of a collection, read under its lock. */
    interface DocumentVisitor {
        void visit(int position, Document document);
    }
}
