package io.tracktion.schemas;

import org.apache.avro.util.ClassSecurityValidator;

/** Avro 1.12 decodes only into trusted classes: ours are, once any serde of this package is loaded. */
final class TrustedClasses {

    static {
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                ClassSecurityValidator.DEFAULT,
                ClassSecurityValidator.builder()
                        .add(RawSale.class).add(Sale.class).add(FeedCursor.class).add(SaleItemType.class)
                        .add(Release.class).add(ReleaseArtist.class).add(ReleaseLabel.class)
                        .add(ReleaseTrack.class).add(ReleaseFormat.class)
                        .add(FeedGap.class).add(FeedWindowReceived.class)
                        .add(EnrichedSale.class).add(SaleAttribution.class)
                        .add(StatsWindow.class).add(CurrencyAmount.class).add(CountryTotals.class)
                        .add(TrendingChart.class).add(TrendingEntry.class).add(Signal.class)
                        .build()));
    }

    private TrustedClasses() {
    }

    /** Runs the static initialiser above, once. */
    static void install() {
        // Nothing else to do: loading this class did it.
    }
}
