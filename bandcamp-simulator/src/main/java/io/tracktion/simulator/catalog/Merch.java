package io.tracktion.simulator.catalog;

import java.math.BigDecimal;

/** A merch item with its own {@code /merch/<slug>} page. */
public record Merch(String title, String slug, String typeName, long packageImageId, BigDecimal price) {
}
