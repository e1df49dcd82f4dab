package io.tracktion.simulator.catalog;

import java.math.BigDecimal;

/** A physical edition of an album, sold as item type "p" with the album's page as its URL. */
public record PhysicalFormat(String description, String typeName, String releaseFormat, long packageImageId, BigDecimal price) {
}
