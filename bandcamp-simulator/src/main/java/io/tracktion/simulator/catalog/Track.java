package io.tracktion.simulator.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A track: on an album ({@code albumTitle}/{@code albumSlug} set) or a standalone single (both null).
 * A {@code price} of zero means name-your-price.
 */
public record Track(String title, String slug, long trackId, int durationSeconds, BigDecimal price,
                    String albumTitle, String albumSlug, Long artId, LocalDate released) {

    public boolean isSingle() {
        return albumTitle == null;
    }
}
