package io.tracktion.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Release pages for the URLs the feed serves, reachable the three ways enrichment may fetch them. */
@Timeout(30)
class ReleasePagesTest {

    private static final Instant NOW = Instant.parse("2025-06-15T12:00:42Z");
    private static final Pattern JSON_LD = Pattern.compile("<script type=\"application/ld\\+json\">(.*?)</script>", Pattern.DOTALL);

    private static BandcampSimulator simulator;
    private static FeedClient client;
    private static List<JsonNode> items;

    @BeforeAll
    static void start() {
        simulator = BandcampSimulator.builder().seed(42).clock(SimClock.manual(NOW)).build().start();
        client = new FeedClient(simulator.baseUrl());
        long now = NOW.getEpochSecond();
        items = FeedClient.items(client.tileFrom(now - 6 * 3600));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void albumPageCarriesMusicAlbumJsonLd() {
        JsonNode item = find(i -> i.get("item_type").asText().equals("a"));
        JsonNode ld = jsonLd(page(item));
        assertEquals("MusicAlbum", ld.get("@type").asText());
        assertEquals("https:" + item.get("url").asText(), ld.get("@id").asText());
        assertEquals(item.get("item_description").asText(), ld.get("name").asText());
        assertEquals(item.get("artist_name").asText(), ld.at("/byArtist/name").asText());
        assertTrue(ld.at("/publisher/additionalProperty/0/value").isIntegralNumber(), "publisher band_id");
        assertTrue(ld.at("/publisher/genre").asText().startsWith("https://bandcamp.com/discover/"));
        assertFalse(ld.at("/publisher/foundingLocation/name").asText().isBlank());
        assertTrue(ld.get("keywords").size() >= 3);
        assertTrue(ld.get("datePublished").asText().matches("\\d\\d [A-Z][a-z]{2} \\d{4} 00:00:00 GMT"));
        int tracks = ld.get("numTracks").asInt();
        assertEquals(tracks, ld.at("/track/itemListElement").size());
        assertTrue(ld.at("/track/itemListElement/0/item/duration").asText().matches("P\\d\\dH\\d\\dM\\d\\dS"));
        assertEquals("DigitalFormat", ld.at("/albumRelease/0/musicReleaseFormat").asText());
        assertEquals(item.get("currency").asText(), ld.at("/albumRelease/0/offers/priceCurrency").asText());
    }

    @Test
    void physicalFormatIsListedOnItsAlbumPage() {
        JsonNode item = find(i -> i.get("item_type").asText().equals("p") && i.get("slug_type").asText().equals("a"));
        JsonNode ld = jsonLd(page(item));
        assertEquals(item.get("album_title").asText(), ld.get("name").asText());
        boolean listed = false;
        for (JsonNode release : ld.get("albumRelease")) {
            listed |= release.get("name").asText().equals(item.get("item_description").asText());
        }
        assertTrue(listed, "format " + item.get("item_description") + " on the album page");
    }

    @Test
    void trackAndMerchPages() {
        JsonNode track = find(i -> i.get("item_type").asText().equals("t") && i.get("album_title").isTextual());
        JsonNode trackLd = jsonLd(page(track));
        assertEquals("MusicRecording", trackLd.get("@type").asText());
        assertEquals(track.get("album_title").asText(), trackLd.at("/inAlbum/name").asText());

        JsonNode merch = find(i -> i.get("slug_type").asText().equals("p"));
        String merchPage = page(merch);
        JsonNode merchLd = jsonLd(merchPage);
        assertEquals("Product", merchLd.get("@type").asText());
        assertFalse(merchPage.contains("itemListElement"), "merch pages have no track list");
    }

    @Test
    void pagesOfCustomDomainsAndNonLatinNames() {
        JsonNode custom = find(i -> !i.get("url").asText().contains(".bandcamp.com/") && !i.get("slug_type").asText().equals("p"));
        assertEquals(custom.get("artist_name").asText(), jsonLd(page(custom)).at("/byArtist/name").asText());
        JsonNode nonLatin = find(i -> i.get("artist_name").asText().codePoints().anyMatch(c -> c > 0x2FF)
                && i.get("slug_type").asText().equals("a"));
        String html = page(nonLatin);
        assertEquals(nonLatin.get("artist_name").asText(), jsonLd(html).at("/byArtist/name").asText());
    }

    @Test
    void pageReachedByHostHeader() throws IOException {
        JsonNode item = find(i -> i.get("item_type").asText().equals("a"));
        String url = item.get("url").asText().substring(2);
        String host = url.substring(0, url.indexOf('/'));
        String path = url.substring(url.indexOf('/'));
        try (Socket socket = new Socket("127.0.0.1", simulator.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 200"), response.lines().findFirst().orElse(""));
            assertEquals("MusicAlbum", jsonLd(response).get("@type").asText());
        }
    }

    @Test
    void pageReachedThroughTheSimulatorAsHttpProxy() throws Exception {
        JsonNode item = find(i -> i.get("item_type").asText().equals("t"));
        HttpClient proxied = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", simulator.port())))
                .build();
        HttpResponse<String> response = proxied.send(
                HttpRequest.newBuilder(URI.create("http:" + item.get("url").asText())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("MusicRecording", jsonLd(response.body()).get("@type").asText());
    }

    @Test
    void unknownReleasesAre404() {
        JsonNode item = find(i -> i.get("item_type").asText().equals("a"));
        String host = item.get("url").asText().substring(2).split("/")[0];
        for (String path : List.of("/_pages/" + host + "/album/no-such-album", "/_pages/" + host + "/track/nope",
                "/_pages/" + host + "/merch/nope", "/_pages/" + host + "/", "/_pages/" + host + "/album/a/b",
                "/_pages/unknown.bandcamp.com/album/x", "/_pages/")) {
            HttpResponse<byte[]> response = client.get(path);
            assertEquals(404, response.statusCode(), path);
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        }
    }

    private static JsonNode find(Predicate<JsonNode> test) {
        return items.stream().filter(test).findFirst().orElseThrow(() -> new AssertionError("no such item in the feed"));
    }

    private static String page(JsonNode item) {
        HttpResponse<byte[]> response = client.get(simulator.pageUrl(item.get("url").asText()).substring(simulator.baseUrl().length()));
        assertEquals(200, response.statusCode(), item.get("url").asText());
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static JsonNode jsonLd(String html) {
        Matcher matcher = JSON_LD.matcher(html);
        assertTrue(matcher.find(), "a JSON-LD block");
        return FeedClient.parse(matcher.group(1).getBytes(StandardCharsets.UTF_8));
    }
}
