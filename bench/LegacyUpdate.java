import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.legacy.LegacyDatabaseGenerator;
import io.playerbase.adapters.mongo.migration.LegacyReport;
import io.playerbase.adapters.mongo.migration.MigrationRunner;
import io.playerbase.adapters.mongo.maintenance.EncryptionMaintenance;
import io.playerbase.application.user.port.in.LogInUseCase;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The update path of an old-system database (docs/migrations.md) on N generated users, in one JVM with
 * the service's own beans: the embedded store (in memory unless -Dbench.data-dir=DIR), the production
 * crypto (AES-GCM field cipher, HMAC-SHA256 blind index, per-user data keys; a random master key),
 * Mongock as the service runs it. Steps, each timed:
 * <ol>
 *   <li>generation: {@code LegacyDatabaseGenerator} (the generate-legacy command's writer);</li>
 *   <li>{@code migrate}: every change unit; per unit the time Mongock recorded in its change log
 *   ({@code executionMillis}): V0040 (blind indexes, legacy tokens), V0041 (module backfill), the rest;</li>
 *   <li>the re-encryption pass ({@code reencrypt}): a data key per user, legacy plaintext encrypted.</li>
 * </ol>
 * Then it checks the result, so a figure cannot come from a run that did less: every user has the five
 * modules and the flag, exactly the colliding users are unindexed, no plaintext or unmapped balance is left
 * but theirs and the fractional ones, and a legacy user logs in by email. Exit 1 when a check fails.
 *
 * Run with bench/legacy-update.sh [N] (builds bootstrap/target/playerbase.jar first).
 */
public class LegacyUpdate {

    static final List<String> MODULES = List.of("wallet", "subscription", "referrals", "in_app_purchases", "dutch_game");
    static final int COMP_PLAYERS = 5;

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        String dataDir = System.getProperty("bench.data-dir", ":memory:");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        System.out.printf("JDK %s, %d processors, max heap %d MiB, GC %s, JVM options %s%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList(),
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.printf("load average before: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
        try (ApplicationContext context = ApplicationContext.builder().properties(Map.of(
                "playerbase.embedded.data-dir", dataDir,
                "playerbase.embedded.port", 0,
                "micronaut.server.enabled", false,
                "playerbase.migrations.run-at-start", false,
                "playerbase.crypto.reencrypt-at-start", false,
                // The health monitor would only log errors while the context closes.
                "micronaut.health.monitor.enabled", false,
                "playerbase.crypto.master-key", "k1:" + Base64.getEncoder().encodeToString(key))).start()) {
            MongoDatabase database = context.getBean(MongoDatabase.class);

            long start = System.nanoTime();
            LegacyDatabaseGenerator.Written written = new LegacyDatabaseGenerator(1).write(database, users);
            double generate = seconds(start);

            start = System.nanoTime();
            context.getBean(MigrationRunner.class).migrate();
            double migrate = seconds(start);
            Map<String, Long> units = unitMillis(database);

            start = System.nanoTime();
            EncryptionMaintenance.Progress progress = context.getBean(EncryptionMaintenance.class).run();
            double reencrypt = seconds(start);

            long v0040 = units.getOrDefault("V0040_IndexLegacyUsers", 0L);
            long v0041 = units.getOrDefault("V0041_BackfillLegacyUsers", 0L);
            long rest = units.values().stream().mapToLong(Long::longValue).sum() - v0040 - v0041;
            System.out.printf("%nusers: %d (store: %s, production crypto)%n", users, dataDir);
            row("generate (old-system users, registry, audit)", generate, users);
            row("migrate, all change units (Mongock runs included)", migrate, users);
            row("  V0040 blind indexes (+ legacy tokens)", v0040 / 1000.0, users);
            row("  V0041 module backfill, flags, balances", v0041 / 1000.0, users);
            row("  the other units (" + (units.size() - 2) + ")", rest / 1000.0, users);
            row("re-encryption pass (data keys, legacy plaintext)", reencrypt, users);
            row("update path: migrate + re-encryption", migrate + reencrypt, users);
            System.out.printf("re-encryption pass: %d legacy values encrypted, %d left, %d deferred%n",
                    progress.legacyValuesEncrypted(), progress.legacyValuesRemaining(), progress.conflictsDeferred());
            System.out.printf("load average after: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());

            List<String> failures = check(context, database, users, written);
            if (failures.isEmpty()) {
                System.out.println("checks: all passed");
            } else {
                failures.forEach(failure -> System.out.println("CHECK FAILED: " + failure));
                System.exit(1);
            }
        }
    }

    private static List<String> check(ApplicationContext context, MongoDatabase database, int users,
                                      LegacyDatabaseGenerator.Written written) {
        List<String> failures = new ArrayList<>();
        MongoCollection<Document> collection = database.getCollection("users");
        List<Bson> allModules = MODULES.stream().map(module -> Filters.exists("modules." + module, true)).toList();
        long withAll = collection.countDocuments(Filters.and(allModules));
        expect(failures, "users with all five modules", users + COMP_PLAYERS, withAll);
        expect(failures, "legacy users with is_comp_player false", users, collection.countDocuments(Filters.eq("is_comp_player", false)));

        LegacyReport.Counts left = context.getBean(LegacyReport.class).count();
        System.out.println("left: " + String.join("; ", LegacyReport.describe(left)));
        long unindexed = written.duplicateEmailUsers();
        expect(failures, "users left unindexed (colliding emails)", unindexed, left.unindexed());
        expect(failures, "users without blind indexes", 0, left.withoutBlindIndex());
        expect(failures, "users missing a module", 0, left.missingModules().values().stream().mapToLong(Long::longValue).sum());
        // The pass leaves the colliding users exactly as they were (for a person to resolve); nobody else keeps plaintext.
        Bson collided = Filters.regex("email_bidx", "^unindexed:");
        Map<String, Long> plaintext = new LinkedHashMap<>();
        plaintext.put("email", unindexed);
        plaintext.put("phone", collection.countDocuments(Filters.and(collided, Filters.exists("phone", true))));
        plaintext.put("address", collection.countDocuments(Filters.and(collided, Filters.exists("address", true))));
        plaintext.put("modules.wallet.balance", 0L);
        plaintext.put("modules.wallet.credit_balance", 0L);
        expect(failures, "plaintext values left", plaintext, left.plaintextValues());
        // The generator writes x.5 credits for every fifth user (i % 5 == 3): never mapped, never replaced.
        expect(failures, "unmapped fractional balances", users / 5 + (users % 5 >= 3 ? 1 : 0), left.unmappedBalances());
        expect(failures, "data keys (every user but the colliding ones)", users + COMP_PLAYERS - unindexed,
                database.getCollection("user_keys").countDocuments());
        try {
            // A legacy user found by the blind index of a differently written email, their values decrypted.
            context.getBean(LogInUseCase.class).logIn(new LogInUseCase.Command(" PLAYER3@Example.com",
                    LegacyDatabaseGenerator.PASSWORD, "bench"));
        } catch (RuntimeException e) {
            failures.add("legacy user player3 cannot log in by email: " + e);
        }
        return failures;
    }

    private static Map<String, Long> unitMillis(MongoDatabase database) {
        Map<String, Long> millis = new LinkedHashMap<>();
        for (Document entry : database.getCollection("mongockChangeLog").find(Filters.eq("state", "EXECUTED"))) {
            if (!Boolean.TRUE.equals(entry.get("systemChange")) && entry.get("executionMillis") instanceof Number number) {
                millis.merge(entry.getString("changeId"), number.longValue(), Long::sum);
            }
        }
        return millis;
    }

    private static void expect(List<String> failures, String what, Object expected, Object actual) {
        if (!String.valueOf(expected).equals(String.valueOf(actual))) {
            failures.add(what + ": expected " + expected + ", found " + actual);
        }
    }

    private static void row(String step, double seconds, int users) {
        System.out.printf("%-52s %8.2f s %10.0f users/s%n", step, seconds, users / seconds);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
