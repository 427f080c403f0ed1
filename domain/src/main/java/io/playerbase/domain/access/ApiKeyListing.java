package io.playerbase.domain.access;

import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.ReadOnlyPort;

/** Outgoing port: the admin listing of API keys, newest first, on the read-only database role. */
public interface ApiKeyListing extends ReadOnlyPort {

    Page<ApiKey> list(PageRequest page);
}
