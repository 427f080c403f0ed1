package io.playerbase.application.user.port.in;

public interface LogInUseCase {

    /**
     * Checks a login (email or username) and password. Any failure — unknown account, wrong
     * password, account not active — is the same {@link io.playerbase.domain.shared.AuthenticationFailed}.
     */
    Authenticated logIn(Command command);

    record Command(String login, String password, String requestId) {
        @Override
        public String toString() {
            return "LogInUseCase.Command[redacted]";
        }
    }
}
