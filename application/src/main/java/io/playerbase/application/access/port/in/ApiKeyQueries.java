package io.playerbase.application.access.port.in;

import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;

public interface ApiKeyQueries {

    /** All keys, revoked ones included, newest first. */
    Page<ApiKeyView> list(PageRequest page);
}
