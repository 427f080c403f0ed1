package io.playerbase.domain.testing;

import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.PersonalDataKeys;
import io.playerbase.domain.shared.PersonalDataKeysContract;

/** The stand-in that application and adapter tests rely on keeps the port's contract like the real adapter. */
class FakePersonalDataKeysTest extends PersonalDataKeysContract {

    @Override
    protected PersonalDataKeys createKeys() {
        return new FakePersonalDataKeys();
    }

    @Override
    protected FieldCipher serviceCipher() {
        return new FakeFieldCipher();
    }
}
