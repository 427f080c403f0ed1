package io.playerbase.application.user.port.in;

public interface CreateAdminUseCase {

    /** Creates an active account with the admin role (a command of the jar: the first admin has no one to grant it). */
    UserView create(Command command);

    record Command(String email, String username, String password, String requestId) {
        @Override
        public String toString() {
            return "CreateAdminUseCase.Command[redacted]";
        }
    }
}
