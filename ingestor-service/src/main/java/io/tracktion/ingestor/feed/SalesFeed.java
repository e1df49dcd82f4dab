package io.tracktion.ingestor.feed;

/** Bandcamp's public sales feed, one window per call. */
public interface SalesFeed {

    /** {@code GET /api/salesfeed/1/get_initial}: the latest window, used when there is no cursor yet. */
    FeedWindow initial() throws FeedException, InterruptedException;

    /** {@code GET /api/salesfeed/1/get?start_date=}: the window starting at a previous window's end_date. */
    FeedWindow after(long startDate) throws FeedException, InterruptedException;
}
