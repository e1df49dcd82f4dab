package io.tracktion.simulator.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A digital album ({@code price} zero = name-your-price) with its tracks and physical formats. */
public record Album(String title, String slug, long itemId, Long artId, BigDecimal price, LocalDate released,
                    List<Track> tracks, List<PhysicalFormat> formats) {
}
