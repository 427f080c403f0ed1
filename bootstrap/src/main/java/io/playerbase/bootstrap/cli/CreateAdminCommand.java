package io.playerbase.bootstrap.cli;

import io.playerbase.application.user.port.in.CreateAdminUseCase;
import io.playerbase.application.user.port.in.UserView;
import io.playerbase.domain.shared.DomainException;
import jakarta.inject.Singleton;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * {@code create-admin --email … --username … [--password-file FILE]}: the first admin (there is no
 * default one and no default password). The password comes from the file, else from standard input
 * (its first line; typed without echo on a terminal), and never from the command line, where other
 * users of the machine could read it. Refuses an email or username that exists: grant roles to an
 * existing account with {@code PUT /api/v1/admin/users/{id}/roles}.
 */
@Singleton
final class CreateAdminCommand implements CliCommand {

    static final int USAGE = 2;
    static final int REFUSED = 1;

    private final CreateAdminUseCase createAdmin;

    CreateAdminCommand(CreateAdminUseCase createAdmin) {
        this.createAdmin = createAdmin;
    }

    @Override
    public String name() {
        return "create-admin";
    }

    @Override
    public String summary() {
        return "create an admin account: --email E --username U [--password-file F], else the password from stdin";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) {
        return run(arguments, System.in, out, err);
    }

    @Override
    public int run(List<String> arguments, InputStream in, PrintStream out, PrintStream err) {
        String email = option(arguments, "--email");
        String username = option(arguments, "--username");
        String passwordFile = option(arguments, "--password-file");
        if (email == null || username == null) {
            err.println("Usage: create-admin --email EMAIL --username NAME [--password-file FILE]"
                    + " (without --password-file the password is read from standard input)");
            return USAGE;
        }
        String password;
        try {
            password = passwordFile != null ? firstLine(Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8))
                    : fromInput(in);
        } catch (IOException e) {
            err.println("Cannot read the password: " + e.getMessage());
            return USAGE;
        }
        if (password == null || password.isEmpty()) {
            err.println("No password given: pass --password-file FILE or write it to standard input. There is no default.");
            return USAGE;
        }
        try {
            UserView admin = createAdmin.create(new CreateAdminUseCase.Command(email, username, password,
                    "cli-" + UUID.randomUUID()));
            out.println("Created admin " + admin.username() + " (id " + admin.id() + ")");
            return 0;
        } catch (DomainException e) {
            err.println("Not created: " + e.getMessage());
            e.fieldErrors().forEach(error -> err.println("  " + error.field() + ": " + error.message()));
            if ("email-taken".equals(e.code()) || "username-taken".equals(e.code())) {
                err.println("To make an existing account an admin, an admin uses PUT /api/v1/admin/users/{id}/roles.");
            }
            return REFUSED;
        }
    }

    /** {@code --name value} or {@code --name=value}. */
    static String option(List<String> arguments, String name) {
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals(name) && i + 1 < arguments.size()) {
                return arguments.get(i + 1);
            }
            if (argument.startsWith(name + "=")) {
                return argument.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static String fromInput(InputStream in) throws IOException {
        Console console = System.console();
        if (in == System.in && console != null) {
            char[] typed = console.readPassword("Password for the new admin: ");
            return typed == null ? null : new String(typed);
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line = reader.readLine();
        return line == null ? null : firstLine(line);
    }

    /** The first line without its line break: secret files and pipes usually end with one. */
    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
