package io.playerbase.application.purchase.port.in;

import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;

public interface ProductQueries {

    /** Products by id; only the active ones when {@code activeOnly}. */
    Page<ProductView> list(boolean activeOnly, PageRequest page);
}
