package io.tracktion.ingestor.testing;

import io.tracktion.ingestor.feed.FeedEvent;
import io.tracktion.ingestor.feed.FeedItem;
import io.tracktion.ingestor.feed.FeedWindow;
import io.tracktion.ingestor.feed.HttpSalesFeed;
import io.tracktion.schemas.ReleaseUrls;
import io.tracktion.simulator.BandcampSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads a simulator's feed without Kafka, to learn beforehand which releases a run will sell, in order. */
public final class FeedOnly implements AutoCloseable {

    private final HttpSalesFeed feed;

    public FeedOnly(BandcampSimulator simulator) {
        this.feed = new HttpSalesFeed(simulator.baseUrl(), TestHttp.client(Duration.ofSeconds(5)));
    }

    /** The release URLs of get_initial's window, first named first. */
    public List<String> releaseUrls() throws Exception {
        FeedWindow window = feed.initial();
        Set<String> urls = new LinkedHashSet<>();
        for (FeedEvent event : window.events()) {
            for (FeedItem item : event.items()) {
                ReleaseUrls.release(item.url()).ifPresent(urls::add);
            }
        }
        return new ArrayList<>(urls);
    }

    @Override
    public void close() {
    }
}
