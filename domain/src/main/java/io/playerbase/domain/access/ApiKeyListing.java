package io.playerbase.domain.access;

import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;

/** Outgoing port: the admin listing of API keys, newest first, on the read-only database role. */
public interface ApiKeyListing {

    Page<ApiKey> list(PageRequest page);
}
