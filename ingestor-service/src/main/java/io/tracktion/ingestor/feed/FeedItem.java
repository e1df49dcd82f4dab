package io.tracktion.ingestor.feed;

/**
 * One sold item of the feed.
 *
 * @param saleId its deterministic id (see {@link SaleIds})
 * @param json   the item exactly as it appears in the response body; usually an object, but whatever
 *               the feed put in the {@code items} array is kept (the transformer validates it)
 * @param url    its {@code url} field (the release page, usually protocol-relative), or null
 */
public record FeedItem(String saleId, String json, String url) {
}
