package io.playerbase.domain.testing;

import io.playerbase.domain.shared.PasswordHasher;
import io.playerbase.domain.shared.PasswordHasherContract;

/** The stand-in that application and adapter tests rely on keeps the port's contract like the real adapter. */
class FakePasswordHasherTest extends PasswordHasherContract {

    @Override
    protected PasswordHasher createHasher() {
        return new FakePasswordHasher();
    }
}
