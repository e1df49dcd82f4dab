package io.tracktion.transformer.enrich;

import io.tracktion.schemas.EnrichedSale;
import io.tracktion.schemas.Sale;
import io.tracktion.schemas.SaleAttribution;
import java.time.Instant;

/** Building enriched sales, and the keys they are kept under while they wait (pure functions). */
final class EnrichedSales {

    private EnrichedSales() {
    }

    static EnrichedSale first(Sale sale, SaleAttribution attribution, Instant at) {
        return EnrichedSale.newBuilder().setSale(sale).setRevision(0).setAttribution(attribution)
                .setPrevious(null).setEnrichedAt(at).build();
    }

    static EnrichedSale reattributed(EnrichedSale before, SaleAttribution attribution, Instant at) {
        return EnrichedSale.newBuilder().setSale(before.getSale()).setRevision(before.getRevision() + 1)
                .setAttribution(attribution).setPrevious(before.getAttribution()).setEnrichedAt(at).build();
    }

    /** URL first, so that all sales of a release are found by one prefix scan; a tab never occurs in a URL. */
    static String storeKey(String canonicalUrl, String saleId) {
        return storePrefix(canonicalUrl) + saleId;
    }

    static String storePrefix(String canonicalUrl) {
        return canonicalUrl + "\t";
    }
}
