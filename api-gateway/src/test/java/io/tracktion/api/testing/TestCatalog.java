package io.tracktion.api.testing;

import static io.tracktion.api.testing.TestSale.sale;

import io.tracktion.schemas.EntityIds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A small known catalogue (artists, labels, releases with genres and tags) and random sales of it over a few days,
 * some of them of releases not known yet: fixtures for the analytics endpoints.
 */
public final class TestCatalog {

    public static final String VELVET = EntityIds.artist("https://velvetorrery.bandcamp.com");
    public static final String CELLO = EntityIds.artist("https://celloweather.bandcamp.com");
    public static final String STATIC = EntityIds.artist("https://accordionstatic.bandcamp.com");
    public static final String HARBOUR_LABEL = EntityIds.label("https://harbourlight.bandcamp.com");
    public static final String STATIC_LABEL = EntityIds.label("https://staticrecords.bandcamp.com");
    public static final String HARBOUR = release("harbour");
    public static final String KESSEL = release("kessel");
    public static final String CELLO_RELEASE = release("cello");
    public static final String STATIC_RELEASE = release("static");
    public static final String NO_GENRE = release("nogenre");
    /** A release whose page is not read yet: its sales count under its id, and as unknown for the rest. */
    public static final String PENDING = release("pending");

    /** Release id, artist id, label id (or null), genre (or null). */
    private static final String[][] RELEASES = {
            {HARBOUR, VELVET, HARBOUR_LABEL, "electronic"},
            {KESSEL, VELVET, HARBOUR_LABEL, "ambient"},
            {CELLO_RELEASE, CELLO, null, "jazz"},
            {STATIC_RELEASE, STATIC, STATIC_LABEL, "electronic"},
            {NO_GENRE, STATIC, STATIC_LABEL, null},
    };

    private static final String SQL = """
            INSERT INTO artist VALUES ('%s', 'https://velvetorrery.bandcamp.com', NULL, 'Velvet Orrery', 'Hamburg', now()),
                                      ('%s', 'https://celloweather.bandcamp.com', NULL, 'Cello Weather', NULL, now()),
                                      ('%s', 'https://accordionstatic.bandcamp.com', NULL, 'Accordion Static', NULL, now());
            INSERT INTO artist_name VALUES ('%1$s', 'The Velvet Orrery', '2026-01-01T00:00:00Z', '2026-06-01T00:00:00Z'),
                                           ('%1$s', 'Velvet Orrery', '2026-06-01T00:00:00Z', '2026-11-01T00:00:00Z');
            INSERT INTO label VALUES ('%4$s', 'https://harbourlight.bandcamp.com', 338, 'Harbour Light', NULL, now()),
                                     ('%5$s', 'https://staticrecords.bandcamp.com', NULL, 'Static Records', NULL, now());
            INSERT INTO tag VALUES ('electronic', 'genre'), ('ambient', 'genre'), ('jazz', 'genre'),
                                   ('dub techno', 'descriptive'), ('drone', 'descriptive'), ('hamburg', 'location');
            INSERT INTO country VALUES ('DE', 'Germany'), ('US', 'United States'), ('JP', 'Japan');
            """;

    private TestCatalog() {
    }

    private static String release(String slug) {
        return EntityIds.release(urlOf(slug));
    }

    private static String urlOf(String slug) {
        return "https://example.bandcamp.com/album/" + slug;
    }

    /** A sale of a known release of the catalogue, with its page URL and attributed as the loader does. */
    public static TestSale saleOf(String saleId, String releaseId) {
        for (String[] r : RELEASES) {
            if (r[0].equals(releaseId)) {
                return sale(saleId).item("album", "Title of " + r[0], null, url(r[0])).attributed(r[0], r[1], r[2]);
            }
        }
        throw new IllegalArgumentException("Not a known release of the catalogue: " + releaseId);
    }

    /** A release's page URL, as its sales name it. */
    public static String url(String releaseId) {
        for (String slug : List.of("harbour", "kessel", "cello", "static", "nogenre", "pending")) {
            if (release(slug).equals(releaseId)) {
                return urlOf(slug);
            }
        }
        throw new IllegalArgumentException("Not in the catalogue: " + releaseId);
    }

    public static void insert(ApiWithDatabase api) {
        StringBuilder sql = new StringBuilder(SQL.formatted(VELVET, CELLO, STATIC, HARBOUR_LABEL, STATIC_LABEL));
        for (String[] r : RELEASES) {
            sql.append("""
                    INSERT INTO release (release_id, url, status, kind, title, artist_id, label_id, genre, first_seen_at)
                    VALUES ('%1$s', '%5$s', 'known', 'album', 'Title of %1$s', '%2$s', %3$s, %4$s, now());
                    """.formatted(r[0], r[1], r[2] == null ? "NULL" : "'" + r[2] + "'", r[3] == null ? "NULL" : "'" + r[3] + "'",
                    url(r[0])));
        }
        sql.append("INSERT INTO release (release_id, url, status, first_seen_at) VALUES ('%s', '%s', 'pending', now());"
                .formatted(PENDING, url(PENDING)));
        sql.append("""
                INSERT INTO release_tag VALUES ('%1$s', 'electronic', 'genre', 0), ('%1$s', 'dub techno', 'descriptive', 1),
                                               ('%1$s', 'drone', 'descriptive', 2), ('%1$s', 'hamburg', 'location', 3),
                                               ('%2$s', 'drone', 'descriptive', 1), ('%3$s', 'dub techno', 'descriptive', 1);
                """.formatted(HARBOUR, KESSEL, STATIC_RELEASE));
        api.execute(sql.toString());
    }

    /**
     * {@code count} sales in carts of one to three items sold at the same instant (as Bandcamp's feed gives a cart),
     * at random instants from {@code from} over {@code span}: each of a known release, or (one in six) of a release
     * whose page is not read yet, or (one in six) naming no release page.
     */
    public static List<TestSale> randomSales(Random random, int count, Instant from, Duration span) {
        String[] countries = {"DE", "US", "JP", null, " de", ""};
        String[] kinds = {"album", "track", "physical", "bundle"};
        List<TestSale> sales = new ArrayList<>();
        int cart = 0;
        while (sales.size() < count) {
            cart++;
            Instant at = from.plusMillis((long) (random.nextDouble() * span.toMillis()));
            String country = countries[random.nextInt(countries.length)];
            int items = 1 + random.nextInt(3);
            for (int i = 0; i < items && sales.size() < count; i++) {
                TestSale sale = sale("sale-" + sales.size()).cart("cart-" + cart).soldAt(at)
                        .usd(random.nextInt(3000) / 100 + "." + "%02d".formatted(random.nextInt(100)))
                        .buyerIn(country == null || country.isBlank() ? null : "Country " + country, country);
                String kind = kinds[random.nextInt(kinds.length)];
                int which = random.nextInt(6);
                if (which == 0) {
                    sale.artist("Someone Unknown").item(kind, "Unknown", null, null);
                } else if (which == 1) {
                    sale.artist("Someone Pending").item(kind, "Pending", null, url(PENDING));
                } else {
                    String[] r = RELEASES[random.nextInt(RELEASES.length)];
                    sale.item(kind, "Title of " + r[0], null, url(r[0])).attributed(r[0], r[1], r[2]);
                }
                sales.add(sale);
            }
        }
        return sales;
    }
}
