package io.tracktion.ingestor.publish;

import io.tracktion.ingestor.feed.FeedEvent;
import io.tracktion.ingestor.feed.FeedWindow;
import io.tracktion.schemas.RawSale;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns a window into one {@link RawSale} per item, each with its cart and window context. */
public final class RawSales {

    private RawSales() {
    }

    public static List<RawSale> of(FeedWindow window, String feedBaseUrl, Instant fetchedAt) {
        List<RawSale> sales = new ArrayList<>(window.itemCount());
        for (FeedEvent event : window.events()) {
            int cartSize = event.items().size();
            for (int index = 0; index < cartSize; index++) {
                var item = event.items().get(index);
                sales.add(RawSale.newBuilder()
                        .setSaleId(item.saleId())
                        .setEventId(event.eventId())
                        .setEventType(event.eventType())
                        .setEventUtcDate(event.utcDate())
                        .setItemIndex(index)
                        .setCartSize(cartSize)
                        .setWindowStartDate(window.startDate())
                        .setWindowEndDate(window.endDate())
                        .setServerTime(window.serverTime())
                        .setDataDelaySec(window.dataDelaySec())
                        .setFeedBaseUrl(feedBaseUrl)
                        .setFetchedAt(fetchedAt)
                        .setItemJson(item.json())
                        .build());
            }
        }
        return sales;
    }
}
