package io.tracktion.simulator.pages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracktion.simulator.catalog.Artist;
import io.tracktion.simulator.catalog.Catalog;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * Album, track and merch pages for catalogue URLs, each with a JSON-LD block and the tag and credits markup
 * that scrapers fall back on. Modest on purpose: only what enrichment reads.
 */
public final class ReleasePages {

    private static final DateTimeFormatter CREDITS_DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH);

    private final Catalog catalog;

    public ReleasePages(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The HTML page at {@code host} + {@code path} (e.g. "/album/some-slug"), if the catalogue has one. */
    public Optional<String> render(String host, String path) {
        Optional<Artist> found = catalog.artistAt(host);
        String[] parts = path.replaceAll("/+$", "").split("/");
        if (found.isEmpty() || parts.length != 3 || !parts[0].isEmpty()) {
            return Optional.empty();
        }
        Artist artist = found.get();
        String slug = parts[2];
        switch (parts[1]) {
            case "album":
                return artist.album(slug).map(a -> page(artist, a.title(), JsonLd.album(artist, a), a.released()));
            case "track":
                return artist.track(slug).map(t -> page(artist, t.title(), JsonLd.track(artist, t), t.released()));
            case "merch":
                return artist.merchItem(slug).map(m -> page(artist, m.title(), JsonLd.merch(artist, m), null));
            default:
                return Optional.empty();
        }
    }

    private static String page(Artist artist, String title, ObjectNode jsonLd, LocalDate released) {
        PageStyle style = PageStyle.of(artist);
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.append("<title>").append(escape(title)).append(" | ").append(escape(artist.name())).append("</title>\n");
        html.append("<meta name=\"description\" content=\"").append(escape(title)).append(" by ")
                .append(escape(artist.name())).append("\">\n");
        if (style != PageStyle.NO_JSON_LD) {
            html.append("<script type=\"application/ld+json\">\n").append(JsonLd.toScriptText(jsonLd)).append("\n</script>\n");
        }
        html.append("</head>\n<body>\n<div id=\"pgBd\">\n");
        if (style == PageStyle.BROKEN_HTML) {
            html.append("<div class=\"promo\"><p>Out now < on all formats <b>unclosed\n<table><tr><td>stray cell\n");
        }
        html.append("  <div id=\"name-section\">\n    <h2 class=\"trackTitle\">").append(escape(title)).append("</h2>\n");
        html.append("    <h3>by <span><a href=\"").append(escape(artist.rootUrl())).append("\">")
                .append(escape(artist.name())).append("</a></span></h3>\n  </div>\n");
        if (released != null) {
            html.append("  <div class=\"tralbumData tralbum-credits\">\n    released ")
                    .append(CREDITS_DATE.format(released)).append(" <br>\n  </div>\n");
            html.append("  <div class=\"tralbumData tralbum-tags tralbum-tags-nu\">\n");
            tag(html, artist.genre().slug(), artist.genre().displayName().toLowerCase(Locale.ROOT));
            artist.tags().forEach(t -> tag(html, t.toLowerCase(Locale.ROOT).replace(' ', '-'), PageStyle.spelling(artist, t)));
            html.append(style == PageStyle.BROKEN_HTML ? "  <a class=\"tag\" href=\"#\">\n" : "  </div>\n");
        }
        html.append(style == PageStyle.BROKEN_HTML ? "</div>\n" : "</div>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void tag(StringBuilder html, String slug, String text) {
        html.append("    <a class=\"tag\" href=\"https://bandcamp.com/discover/").append(escape(slug)).append("\">")
                .append(escape(text)).append("</a>\n");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
