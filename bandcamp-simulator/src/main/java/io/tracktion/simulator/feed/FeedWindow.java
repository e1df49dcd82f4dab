package io.tracktion.simulator.feed;

import io.tracktion.simulator.sales.Cart;
import java.util.List;

/** One published window: the carts whose utc_date lies in [startDate, endDate) (epoch seconds). */
record FeedWindow(long startDate, long endDate, int dataDelaySec, long serverTime, List<Cart> carts) {
}
