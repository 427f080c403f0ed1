package io.playerbase.application.access;

import io.playerbase.application.access.port.in.ApiKeyQueries;
import io.playerbase.application.access.port.in.ApiKeyView;
import io.playerbase.domain.access.ApiKeyListing;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import jakarta.inject.Singleton;

@Singleton
final class ApiKeyQueryService implements ApiKeyQueries {

    private final ApiKeyListing listing;

    ApiKeyQueryService(ApiKeyListing listing) {
        this.listing = listing;
    }

    @Override
    public Page<ApiKeyView> list(PageRequest page) {
        return listing.list(page).map(ApiKeyView::of);
    }
}
