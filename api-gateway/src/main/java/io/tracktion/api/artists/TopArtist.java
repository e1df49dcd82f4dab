package io.tracktion.api.artists;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.tracktion.api.top.TopEntry;
import java.math.BigDecimal;

/**
 * An entry of {@code /api/v1/artists/top}: the entry of {@code /api/v1/top/artists}, with the fields the list had
 * before it was an alias ({@code artist}, {@code artistUrl}) beside it.
 */
@Serdeable
public record TopArtist(String id, String name, @Nullable String url, long units, BigDecimal revenueUsd, long carts,
                        String artist, @Nullable String artistUrl) {

    static TopArtist of(TopEntry entry) {
        return new TopArtist(entry.id(), entry.name(), entry.url(), entry.units(), entry.revenueUsd(), entry.carts(),
                entry.name(), entry.url());
    }
}
