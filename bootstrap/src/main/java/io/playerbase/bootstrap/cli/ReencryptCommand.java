package io.playerbase.bootstrap.cli;

import io.playerbase.adapters.mongo.maintenance.EncryptionMaintenance;
import jakarta.inject.Singleton;

import java.io.PrintStream;
import java.util.List;

/** Runs (or resumes) the re-encryption pass in the foreground: key rotation and legacy values. */
@Singleton
final class ReencryptCommand implements CliCommand {

    private final EncryptionMaintenance maintenance;

    ReencryptCommand(EncryptionMaintenance maintenance) {
        this.maintenance = maintenance;
    }

    @Override
    public String name() {
        return "reencrypt";
    }

    @Override
    public String summary() {
        return "re-wrap data keys and re-encrypt values under the primary master key; encrypt legacy plaintext";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) {
        TerminalProgress terminal = TerminalProgress.on(out);
        EncryptionMaintenance.Progress progress = maintenance.run(terminal);
        terminal.finish();
        out.println("Pass " + progress.status() + " " + terminal.took(progress.valuesReencrypted() + progress.legacyValuesEncrypted(),
                "values"));
        out.println("Primary key: " + progress.primaryKeyId());
        out.println("Data keys re-wrapped: " + progress.keysRewrapped());
        out.println("Values re-encrypted: " + progress.valuesReencrypted());
        out.println("Legacy values encrypted: " + progress.legacyValuesEncrypted());
        out.println("Legacy values left (see the log for their users): " + progress.legacyValuesRemaining());
        out.println("Deferred by concurrent changes (run again to finish): " + progress.conflictsDeferred());
        return progress.conflictsDeferred() == 0 ? 0 : 3;
    }
}
