package io.tracktion.ingestor.enrich;

import static io.tracktion.ingestor.enrich.PageValues.creditsDate;
import static io.tracktion.ingestor.enrich.PageValues.date;
import static io.tracktion.ingestor.enrich.PageValues.decimal;
import static io.tracktion.ingestor.enrich.PageValues.first;
import static io.tracktion.ingestor.enrich.PageValues.instant;
import static io.tracktion.ingestor.enrich.PageValues.keywords;
import static io.tracktion.ingestor.enrich.PageValues.property;
import static io.tracktion.ingestor.enrich.PageValues.propertyText;
import static io.tracktion.ingestor.enrich.PageValues.seconds;
import static io.tracktion.ingestor.enrich.PageValues.text;
import static io.tracktion.ingestor.enrich.PageValues.texts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracktion.schemas.EntityIds;
import io.tracktion.schemas.Release;
import io.tracktion.schemas.ReleaseArtist;
import io.tracktion.schemas.ReleaseFormat;
import io.tracktion.schemas.ReleaseLabel;
import io.tracktion.schemas.ReleaseStatus;
import io.tracktion.schemas.ReleaseTrack;
import io.tracktion.schemas.ReleaseUrls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads a release page into a {@link Release}: the schema.org JSON-LD block first ({@code MusicAlbum},
 * {@code MusicRecording}, {@code Product}), else the page's tag links, title and "released" line. Whatever the
 * page does not say stays null or empty. Pure: no I/O beyond the bytes given.
 */
public final class ReleasePageParser {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Pattern RELEASED_LINE =
            Pattern.compile("(?i)\\breleas(?:ed|es)\\s+([A-Za-z]+\\.? \\d{1,2},? \\d{4}|\\d{1,2} [A-Za-z]+ \\d{4})");

    private final TagClassifier classifier;

    public ReleasePageParser(TagClassifier classifier) {
        this.classifier = classifier;
    }

    /**
     * @param canonicalUrl the page's canonical URL (the release's key)
     * @param body         the response body
     * @param charset      the charset of the Content-Type header, or null to detect it from the page
     */
    public Release parse(String canonicalUrl, byte[] body, String charset, Instant fetchedAt, Instant firstSeenAt)
            throws UnreadablePageException {
        Document page;
        try {
            page = Jsoup.parse(new ByteArrayInputStream(body), charset, canonicalUrl);
        } catch (IOException | IllegalArgumentException e) {
            throw new UnreadablePageException("not an HTML page: " + e.getMessage());
        }
        Release.Builder release = Release.newBuilder()
                .setUrl(canonicalUrl)
                .setId(EntityIds.release(canonicalUrl))
                .setStatus(ReleaseStatus.KNOWN)
                .setFirstSeenAt(firstSeenAt)
                .setFetchedAt(fetchedAt)
                .setHttpStatus(200)
                .setKind(ReleaseUrls.kind(canonicalUrl).orElse(null))
                // Set, not defaulted: building a default list of records needs Avro's class trust installed.
                .setTracks(List.of())
                .setFormats(List.of());
        Optional<JsonNode> jsonLd = releaseJsonLd(page);
        if (jsonLd.isPresent()) {
            fromJsonLd(jsonLd.get(), canonicalUrl, release);
            release.setSource("json-ld");
        } else {
            fromHtml(page, canonicalUrl, release);
            release.setSource("html");
        }
        if (release.getTitle() == null || !release.hasArtist()) {
            throw new UnreadablePageException("the page names no release"
                    + (jsonLd.isPresent() ? " (its JSON-LD has no name or artist)" : " (no JSON-LD, no release markup)"));
        }
        return release.build();
    }

    // ---- JSON-LD -------------------------------------------------------------------------------------------

    /** The first JSON-LD node of a release type, looking into arrays and {@code @graph}; broken blocks are skipped. */
    private static Optional<JsonNode> releaseJsonLd(Document page) {
        for (Element script : page.select("script[type]")) {
            if (!script.attr("type").strip().equalsIgnoreCase("application/ld+json")) {
                continue;
            }
            JsonNode root;
            try {
                root = JSON.readTree(script.data());
            } catch (JsonProcessingException e) {
                continue; // a cut-off or broken block: the HTML may still say enough
            }
            List<JsonNode> candidates = new ArrayList<>();
            collect(root, candidates);
            for (JsonNode node : candidates) {
                if (kindOf(node) != null) {
                    return Optional.of(node);
                }
            }
        }
        return Optional.empty();
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(element -> collect(element, into));
        } else if (node.isObject()) {
            into.add(node);
            collect(node.get("@graph"), into);
        }
    }

    /** album, track or merch for a JSON-LD node of type MusicAlbum, MusicRecording or Product; else null. */
    private static String kindOf(JsonNode node) {
        List<String> types = texts(node.get("@type"));
        if (types.contains("MusicAlbum")) {
            return "album";
        }
        if (types.contains("MusicRecording")) {
            return "track";
        }
        if (types.contains("Product") || types.contains("ProductGroup")) {
            return "merch";
        }
        return null;
    }

    private void fromJsonLd(JsonNode node, String canonicalUrl, Release.Builder release) {
        String kind = kindOf(node);
        release.setKind(kind);
        release.setTitle(text(node.get("name")));
        release.setReleaseDate(date(text(node.get("datePublished"))));
        release.setModifiedAt(instant(text(node.get("dateModified"))));

        JsonNode byArtist = first(node.get("byArtist"));
        if (byArtist == null) {
            byArtist = first(node.get("brand")); // merch: the shop's band
        }
        JsonNode publisher = first(node.get("publisher"));
        List<String> keywords = keywords(node.get("keywords"));
        TagClassifier.Classified tags = classifier.classify(keywords);
        release.setKeywords(keywords).setGenre(tags.genre()).setTags(tags.tags());
        setPeople(release, canonicalUrl, byArtist, publisher, tags);

        if ("track".equals(kind)) {
            JsonNode album = first(node.get("inAlbum"));
            if (album != null) {
                release.setAlbumUrl(ReleaseUrls.release(text(album.get("@id"))).orElse(null));
                release.setAlbumTitle(text(album.get("name")));
            }
            Long trackId = property(node, "track_id");
            release.setItemId(trackId);
            release.setTrackCount(1);
            release.setTracks(List.of(new ReleaseTrack(1, release.getTitle() == null ? "" : release.getTitle(),
                    seconds(text(node.get("duration"))), trackId)));
        } else if ("album".equals(kind)) {
            release.setTracks(tracks(node.get("track")));
            release.setTrackCount(trackCount(node, release.getTracks().size()));
        }
        List<ReleaseFormat> formats = new ArrayList<>();
        JsonNode albumReleases = node.get("albumRelease");
        if (albumReleases != null && albumReleases.isArray()) {
            for (JsonNode format : albumReleases) {
                formats.add(format(format));
                if ("album".equals(kind) && release.getItemId() == null && "a".equals(propertyText(format, "item_type"))) {
                    release.setItemId(property(format, "item_id"));
                }
            }
        } else if (node.has("offers")) {
            formats.add(format(node));
        }
        if (release.getItemId() == null) {
            release.setItemId(property(node, "item_id"));
        }
        release.setFormats(formats);
    }

    /**
     * Artist and label. The publisher is the label when it is not the artist: a different site, or (when the
     * artist names no site) a different name. An artist without a site of its own is kept apart per label.
     */
    private void setPeople(Release.Builder release, String canonicalUrl, JsonNode byArtist, JsonNode publisher,
                           TagClassifier.Classified tags) {
        String pageRoot = ReleaseUrls.root(canonicalUrl).orElseThrow();
        String artistName = byArtist == null ? null : text(byArtist.get("name"));
        String artistRoot = byArtist == null ? null : ReleaseUrls.root(text(byArtist.get("@id"))).orElse(null);
        String publisherName = publisher == null ? null : text(publisher.get("name"));
        String publisherRoot = publisher == null ? null : ReleaseUrls.root(text(publisher.get("@id"))).orElse(null);
        if (artistName == null) {
            artistName = publisherName;
            artistRoot = artistRoot == null ? publisherRoot : artistRoot;
        }
        boolean publisherIsLabel = publisherRoot != null && publisherName != null && (artistRoot != null
                ? !publisherRoot.equals(artistRoot) || !sameName(publisherName, artistName)
                : !sameName(publisherName, artistName));
        String publisherLocation = publisher == null ? null : text(publisher.path("foundingLocation").get("name"));
        Long publisherBandId = publisher == null ? null : property(publisher, "band_id");

        String location = tags.location();
        String countryCode = tags.countryCode();
        if (!publisherIsLabel && publisherLocation != null) {
            location = publisherLocation; // the artist's own stated location: the fuller "City, Country"
            countryCode = classifier.countryOf(publisherLocation).orElse(countryCode);
        }
        release.setLocation(location).setCountryCode(countryCode);

        if (publisherIsLabel) {
            release.setLabel(new ReleaseLabel(EntityIds.label(publisherRoot), publisherName, publisherRoot,
                    publisherBandId, publisherLocation));
        }
        if (artistName == null) {
            return;
        }
        ReleaseArtist.Builder artist = ReleaseArtist.newBuilder().setName(artistName).setLocation(location);
        if (artistRoot != null && !(publisherIsLabel && artistRoot.equals(publisherRoot))) {
            artist.setUrl(artistRoot).setId(EntityIds.artist(artistRoot));
            artist.setBandId(!publisherIsLabel && artistRoot.equals(publisherRoot) ? publisherBandId : null);
        } else if (publisherIsLabel) {
            artist.setUrl(publisherRoot).setId(EntityIds.artistOnLabel(publisherRoot, artistName));
        } else {
            artist.setUrl(pageRoot).setId(EntityIds.artist(pageRoot));
        }
        release.setArtist(artist.build());
    }

    private static boolean sameName(String a, String b) {
        return a != null && b != null && a.strip().equalsIgnoreCase(b.strip());
    }

    private static List<ReleaseTrack> tracks(JsonNode trackList) {
        List<ReleaseTrack> tracks = new ArrayList<>();
        if (trackList == null) {
            return tracks;
        }
        JsonNode elements = trackList.isArray() ? trackList : trackList.get("itemListElement");
        if (elements == null || !elements.isArray()) {
            return tracks;
        }
        int position = 0;
        for (JsonNode element : elements) {
            position++;
            JsonNode item = element.has("item") ? element.get("item") : element;
            String title = text(item.get("name"));
            if (title == null) {
                continue;
            }
            int at = element.path("position").canConvertToInt() && element.path("position").isNumber()
                    ? element.get("position").intValue() : position;
            tracks.add(new ReleaseTrack(at, title, seconds(text(item.get("duration"))), property(item, "track_id")));
        }
        return tracks;
    }

    private static Integer trackCount(JsonNode node, int listed) {
        JsonNode numTracks = node.get("numTracks");
        if (numTracks != null && numTracks.canConvertToInt() && numTracks.isNumber()) {
            return numTracks.intValue();
        }
        JsonNode counted = node.path("track").get("numberOfItems");
        if (counted != null && counted.isNumber()) {
            return counted.intValue();
        }
        return listed > 0 ? listed : null;
    }

    private static ReleaseFormat format(JsonNode node) {
        JsonNode offer = first(node.get("offers"));
        BigDecimal price = null;
        String currency = null;
        if (offer != null) {
            price = decimal(offer.get("price"));
            if (price == null) {
                price = decimal(offer.path("priceSpecification").get("minPrice"));
            }
            currency = text(offer.get("priceCurrency"));
        }
        String itemType = propertyText(node, "item_type");
        Long itemId = property(node, "item_id");
        return new ReleaseFormat(text(node.get("name")), itemType, propertyText(node, "type_name"),
                text(node.get("musicReleaseFormat")), itemId != null ? itemId : property(node, "track_id"),
                price, currency == null ? null : currency.toUpperCase(Locale.ROOT));
    }

    // ---- HTML fallback -------------------------------------------------------------------------------------

    private void fromHtml(Document page, String canonicalUrl, Release.Builder release) {
        String title = firstText(page, "h2.trackTitle", "#name-section .trackTitle");
        String artistName = firstText(page, "#name-section h3 span a", "span[itemprop=byArtist] a", "#band-name-location .title");
        String documentTitle = page.title();
        int bar = documentTitle.lastIndexOf(" | ");
        if (title == null) {
            String og = page.select("meta[property=og:title]").attr("content").strip();
            title = !og.isEmpty() ? og : bar > 0 ? documentTitle.substring(0, bar).strip() : null;
        }
        if (artistName == null && bar > 0) {
            artistName = documentTitle.substring(bar + 3).strip();
        }
        release.setTitle(title == null || title.isEmpty() ? null : title);
        List<String> keywords = page.select("a.tag").eachText().stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        TagClassifier.Classified tags = classifier.classify(keywords);
        release.setKeywords(keywords).setGenre(tags.genre()).setTags(tags.tags())
                .setLocation(tags.location()).setCountryCode(tags.countryCode());
        Matcher released = RELEASED_LINE.matcher(page.select(".tralbum-credits").text());
        if (released.find()) {
            release.setReleaseDate(creditsDate(released.group(1)));
        }
        if (artistName != null && !artistName.isEmpty()) {
            // Without JSON-LD the page does not say whether its site is the artist's or a label's: the site it is.
            String root = ReleaseUrls.root(canonicalUrl).orElseThrow();
            release.setArtist(new ReleaseArtist(EntityIds.artist(root), artistName, root, null, tags.location()));
        }
    }

    private static String firstText(Document page, String... selectors) {
        for (String selector : selectors) {
            Element element = page.selectFirst(selector);
            if (element != null && !element.text().isBlank()) {
                return element.text().strip();
            }
        }
        return null;
    }

}
