package io.tracktion.simulator.pages;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracktion.simulator.catalog.Album;
import io.tracktion.simulator.catalog.Artist;
import io.tracktion.simulator.catalog.Merch;
import io.tracktion.simulator.catalog.PhysicalFormat;
import io.tracktion.simulator.catalog.Track;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The schema.org JSON-LD blocks of release pages, shaped like release-page-album.html. */
final class JsonLd {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter BANDCAMP_DATE =
            DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private JsonLd() {
    }

    static ObjectNode album(Artist artist, Album album) {
        String url = "https:" + artist.albumUrl(album);
        ObjectNode root = release("MusicAlbum", url, album.title(), album.released(), album.itemId(), artist);
        root.put("numTracks", album.tracks().size());
        ArrayNode releases = root.putArray("albumRelease");
        ObjectNode digital = releases.addObject();
        digital.putArray("@type").add("MusicRelease").add("Product");
        digital.put("@id", url).put("name", album.title());
        ArrayNode props = digital.putArray("additionalProperty");
        property(props, "item_id", album.itemId());
        property(props, "item_type", "a");
        property(props, "selling_band_id", artist.bandId());
        property(props, "type_name", "Digital");
        if (album.artId() != null) {
            property(props, "art_id", album.artId());
        }
        ObjectNode offer = offer(digital, artist, album.price(), "OnlineOnly");
        offer.putObject("priceSpecification").put("minPrice", price(album.price()));
        digital.put("musicReleaseFormat", "DigitalFormat");
        for (PhysicalFormat format : album.formats()) {
            ObjectNode physical = releases.addObject();
            physical.putArray("@type").add("MusicRelease").add("Product");
            physical.put("@id", url + "#p-" + format.packageImageId()).put("name", format.description());
            ArrayNode physicalProps = physical.putArray("additionalProperty");
            property(physicalProps, "item_type", "p");
            property(physicalProps, "type_name", format.typeName());
            offer(physical, artist, format.price(), "InStock");
            physical.put("musicReleaseFormat", format.releaseFormat());
        }
        ObjectNode trackList = root.putObject("track").put("@type", "ItemList").put("numberOfItems", album.tracks().size());
        ArrayNode elements = trackList.putArray("itemListElement");
        int position = 1;
        for (Track track : album.tracks()) {
            ObjectNode item = elements.addObject().put("@type", "ListItem").put("position", position++).putObject("item");
            item.put("@type", "MusicRecording").put("name", track.title()).put("duration", duration(track.durationSeconds()));
            property(item.putArray("additionalProperty"), "track_id", track.trackId());
        }
        return root;
    }

    static ObjectNode track(Artist artist, Track track) {
        String url = "https:" + artist.trackUrl(track);
        ObjectNode root = release("MusicRecording", url, track.title(), track.released(), track.trackId(), artist);
        root.put("duration", duration(track.durationSeconds()));
        if (!track.isSingle()) {
            root.putObject("inAlbum").put("@type", "MusicAlbum")
                    .put("@id", "https://" + artist.host() + "/album/" + track.albumSlug()).put("name", track.albumTitle());
        }
        ArrayNode props = root.putArray("additionalProperty");
        property(props, "track_id", track.trackId());
        property(props, "item_type", "t");
        offer(root, artist, track.price(), "OnlineOnly");
        return root;
    }

    static ObjectNode merch(Artist artist, Merch merch) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("@context", "https://schema.org").put("@type", "Product");
        root.put("@id", "https:" + artist.merchUrl(merch)).put("name", merch.title());
        root.putObject("brand").put("@type", "MusicGroup").put("name", artist.name()).put("@id", artist.rootUrl());
        ArrayNode props = root.putArray("additionalProperty");
        property(props, "item_type", "p");
        property(props, "type_name", merch.typeName());
        offer(root, artist, merch.price(), "InStock");
        return root;
    }

    /** Fields album and track pages share: names, dates, tags, artist and publisher (the label, if any). */
    private static ObjectNode release(String type, String url, String name, LocalDate released, long id, Artist artist) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("@context", "https://schema.org").put("@type", type).put("@id", url).put("name", name);
        root.put("datePublished", BANDCAMP_DATE.format(released.atStartOfDay(ZoneOffset.UTC)));
        // A fixed, id-derived edit some days after release.
        root.put("dateModified", BANDCAMP_DATE.format(released.atStartOfDay(ZoneOffset.UTC)
                .plusDays(id % 400).plusSeconds(id % 86_400)));
        ArrayNode keywords = root.putArray("keywords").add(artist.genre().displayName());
        artist.tags().forEach(tag -> keywords.add(PageStyle.spelling(artist, tag)));
        root.putObject("byArtist").put("@type", "MusicGroup").put("name", artist.name()).put("@id", artist.rootUrl());
        ObjectNode publisher = root.putObject("publisher").put("@type", "MusicGroup");
        if (artist.label() != null) {
            publisher.put("@id", artist.label().rootUrl()).put("name", artist.label().name());
            property(publisher.putArray("additionalProperty"), "band_id", artist.label().bandId());
            publisher.put("genre", artist.label().genre().discoverUrl());
            publisher.putObject("foundingLocation").put("@type", "Place").put("name", artist.label().location());
        } else {
            publisher.put("@id", artist.rootUrl()).put("name", artist.name());
            property(publisher.putArray("additionalProperty"), "band_id", artist.bandId());
            publisher.put("genre", artist.genre().discoverUrl());
            publisher.putObject("foundingLocation").put("@type", "Place").put("name", artist.location());
        }
        return root;
    }

    private static ObjectNode offer(ObjectNode parent, Artist artist, BigDecimal price, String availability) {
        return parent.putObject("offers").put("@type", "Offer").put("priceCurrency", artist.currency().name())
                .put("price", price(price)).put("availability", availability);
    }

    /** Pages show prices as floats (7.0); a display value, not money the simulator computes with. */
    private static double price(BigDecimal price) {
        return price.doubleValue();
    }

    private static void property(ArrayNode props, String name, long value) {
        props.addObject().put("@type", "PropertyValue").put("name", name).put("value", value);
    }

    private static void property(ArrayNode props, String name, String value) {
        props.addObject().put("@type", "PropertyValue").put("name", name).put("value", value);
    }

    /** Bandcamp's duration form: P00H05M12S. */
    private static String duration(int seconds) {
        return String.format("P%02dH%02dM%02dS", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    static String toScriptText(ObjectNode node) {
        try {
            // "</" would end the <script> element early; "<\/" is the same JSON string.
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node).replace("</", "<\\/");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("JSON-LD of a generated page did not serialise", e);
        }
    }
}
