package io.tracktion.transformer.topology;

import static io.tracktion.transformer.testing.Samples.raw;
import static org.assertj.core.api.Assertions.assertThat;

import io.tracktion.schemas.Sale;
import io.tracktion.schemas.SaleItemType;
import io.tracktion.transformer.testing.Samples;
import io.tracktion.transformer.testing.TopologyFixture;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw items, shaped as the feed serves them, through the whole topology into typed sales. */
class SaleParsingTopologyTest {

    @TempDir
    Path stateDir;
    private TopologyFixture topology;

    @BeforeEach
    void start() {
        topology = new TopologyFixture(stateDir);
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    @Test
    void everyItemOfTheSampleWindowBecomesASaleKeyedBySaleId() {
        List<String> items = Samples.items();
        for (int i = 0; i < items.size(); i++) {
            topology.pipe(raw("sale-" + i, items.get(i)).build());
        }

        List<TestRecord<String, Sale>> sales = topology.sales();

        assertThat(sales).extracting(TestRecord::key)
                .containsExactly("sale-0", "sale-1", "sale-2", "sale-3", "sale-4", "sale-5");
        assertThat(sales).extracting(r -> r.value().getItemType()).containsExactly(SaleItemType.ALBUM,
                SaleItemType.TRACK, SaleItemType.PHYSICAL, SaleItemType.ALBUM, SaleItemType.PHYSICAL, SaleItemType.TRACK);
        assertThat(sales).extracting(r -> r.value().getSlugType()).containsExactly("a", "t", "a", "a", "p", "t");
        assertThat(topology.deadLetters()).isEmpty();
    }

    @Test
    void anAlbumWithEveryFieldPresent() {
        String item = Samples.item(Samples.ALBUM_EUR_OVERPAID);
        topology.pipe(raw("sale-1", item).build());

        Sale expected = Sale.newBuilder()
                .setSaleId("sale-1")
                .setEventId("event-of-sale-1")
                .setSoldAt(Instant.parse("2025-06-15T15:07:41.530119Z")) // 1750000061.5301187, HALF_UP
                .setCartSoldAt(Instant.parse("2025-06-15T15:07:41.412733Z"))
                .setArtist("Velvet Orrery")
                .setArtistUrl("https://velvetorrery.bandcamp.com")
                .setItemType(SaleItemType.ALBUM)
                .setSlugType("a")
                .setTitle("Lanterns Over Kessel Bay")
                .setAlbumTitle(null)
                .setUrl("https://velvetorrery.bandcamp.com/album/lanterns-over-kessel-bay")
                .setArtUrl("https://f4.bcbits.com/img/a2817734590_7.jpg")
                .setCurrency("EUR")
                .setAmountPaid(new BigDecimal("10.0000"))
                .setListPrice(new BigDecimal("7.0000"))
                .setAmountPaidUsd(new BigDecimal("11.6200"))
                .setPayWhatYouWant(false)
                .setOverpaid(new BigDecimal("3.0000"))
                .setAmountPaidFormatted("€10")
                .setCountry("Germany")
                .setCountryCode("DE")
                .setArtId(2817734590L)
                .setPackageImageId(null)
                .setRawItemJson(item)
                .build();
        assertThat(topology.onlySale()).isEqualTo(expected);
    }

    @Test
    void aTrackOfAnAlbum() {
        topology.pipe(raw("s", Samples.item(Samples.TRACK_GBP)).build());

        Sale sale = topology.onlySale();
        assertThat(sale.getItemType()).isEqualTo(SaleItemType.TRACK);
        assertThat(sale.getAlbumTitle()).isEqualTo("Saltmarsh Recordings Vol. 2");
        assertThat(sale.getUrl()).isEqualTo("https://mossharbourcollective.bandcamp.com/track/tidewater-hymn");
        assertThat(sale.getOverpaid()).as("paid exactly the price").isNull();
    }

    @Test
    void physicalItemsOnAnAlbumPageAndOnAMerchPage() {
        topology.pipe(raw("cassette", Samples.item(Samples.PHYSICAL_OF_ALBUM_USD)).build());
        topology.pipe(raw("shirt", Samples.item(Samples.MERCH_USD)).build());

        List<Sale> sales = topology.sales().stream().map(TestRecord::value).toList();

        Sale cassette = sales.get(0);
        assertThat(cassette.getItemType()).isEqualTo(SaleItemType.PHYSICAL);
        assertThat(cassette.getSlugType()).isEqualTo("a");
        assertThat(cassette.getTitle()).isEqualTo("Limited Edition Cassette");
        assertThat(cassette.getAlbumTitle()).isEqualTo("Heat Mirage Transmissions");
        assertThat(cassette.getArtId()).isNull();
        assertThat(cassette.getPackageImageId()).isEqualTo(38810274L);
        Sale shirt = sales.get(1);
        assertThat(shirt.getItemType()).isEqualTo(SaleItemType.PHYSICAL);
        assertThat(shirt.getSlugType()).isEqualTo("p");
        assertThat(shirt.getUrl()).isEqualTo("https://kitefall.bandcamp.com/merch/northern-static-tour-t-shirt");
        assertThat(shirt.getAmountPaidUsd()).isEqualTo(new BigDecimal("25.0000"));
    }

    @Test
    void aBundle() {
        topology.pipe(raw("s", """
                {"utc_date": 1750000400.5, "artist_name": "Kitefall", "item_type": "b",
                 "item_description": "Full Digital Discography", "slug_type": "a", "currency": "CAD",
                 "amount_paid": 30.5, "item_price": 27.45, "amount_paid_usd": 22.35,
                 "url": "//kitefall.bandcamp.com/album/northern-static", "addl_count": 4}""").build());

        Sale sale = topology.onlySale();
        assertThat(sale.getItemType()).isEqualTo(SaleItemType.BUNDLE);
        assertThat(sale.getOverpaid()).isEqualTo(new BigDecimal("3.0500"));
    }

    @Test
    void optionalFieldsThatAreAbsent() {
        topology.pipe(raw("s", """
                {"utc_date": 1750000100.25, "artist_name": "Minimal", "item_type": "t",
                 "item_description": "Only What Is Needed", "currency": "USD", "amount_paid": 1}""").build());

        Sale sale = topology.onlySale();
        assertOptionalFieldsNull(sale);
        assertThat(sale.getSoldAt()).isEqualTo(Instant.parse("2025-06-15T15:08:20.250Z"));
        assertThat(sale.getAmountPaidUsd()).as("a USD sale is its own conversion").isEqualTo(new BigDecimal("1.0000"));
    }

    @Test
    void optionalFieldsThatAreNull() {
        topology.pipe(raw("s", """
                {"utc_date": 1750000100.25, "artist_name": "Nulls", "item_type": "a",
                 "item_description": "Nothing Else", "album_title": null, "slug_type": null,
                 "track_album_slug_text": null, "currency": "EUR", "amount_paid": 5, "item_price": null,
                 "amount_paid_usd": 5.81, "amount_paid_fmt": null, "amount_over_fmt": null, "country": null,
                 "country_code": null, "art_id": null, "releases": null, "package_image_id": null,
                 "url": null, "art_url": null}""").build());

        Sale sale = topology.onlySale();
        assertOptionalFieldsNull(sale);
        assertThat(sale.getAmountPaidUsd()).isEqualTo(new BigDecimal("5.8100"));
    }

    @Test
    void unknownFieldsStayInTheRawJson() {
        String item = Samples.item(Samples.ALBUM_USD).replace("\"artist_name\"", """
                "addl_count": 2, "item_slug": "northern-static", "utc_date_raw": "1750000398.312088",
                "releases": [{"id": 1, "nested": {"deep": [1, 2]}}], "brand_new_field": {"x": null},
                "artist_name\"""");
        topology.pipe(raw("s", item).build());

        Sale sale = topology.onlySale();
        assertThat(sale.getRawItemJson()).isEqualTo(item).contains("\"brand_new_field\"", "\"utc_date_raw\"");
        assertThat(sale.getArtist()).isEqualTo("Kitefall");
    }

    @Test
    void yenHaveNoMinorUnit() {
        topology.pipe(raw("s", """
                {"utc_date": 1750000300.5, "artist_name": "Hoshizora Tape Club", "item_type": "a",
                 "item_description": "Paper Comet", "currency": "JPY", "amount_paid": 800.4999,
                 "item_price": 800, "amount_paid_usd": 5.519999980926514, "amount_paid_fmt": "¥800"}""").build());

        Sale sale = topology.onlySale();
        assertThat(sale.getAmountPaid()).isEqualTo(new BigDecimal("800.0000"));
        assertThat(sale.getListPrice()).isEqualTo(new BigDecimal("800.0000"));
        assertThat(sale.getAmountPaidUsd()).isEqualTo(new BigDecimal("5.5200"));
        assertThat(sale.getOverpaid()).isNull();
    }

    @Test
    void floatNoiseInPricesIsRoundedAway() {
        topology.pipe(raw("s", """
                {"utc_date": 1750000300.5, "artist_name": "Noise", "item_type": "t", "item_description": "Hiss",
                 "currency": "GBP", "amount_paid": 4.989999771118164, "item_price": 4.99,
                 "amount_paid_usd": 6.730000019073486}""").build());

        Sale sale = topology.onlySale();
        assertThat(sale.getAmountPaid()).isEqualTo(new BigDecimal("4.9900"));
        assertThat(sale.getAmountPaidUsd()).isEqualTo(new BigDecimal("6.7300"));
        assertThat(sale.getOverpaid()).as("4.989999771118164 is the price, not below it").isNull();
    }

    @Test
    void nonLatinAndEmojiNamesArrive() {
        topology.pipe(raw("s", """
                {"utc_date": 1750000300.5, "artist_name": "  星空テープクラブ 🌌 ", "item_type": "a",
                 "item_description": "Ночной поезд 🚂", "album_title": "אלבום ראשון", "currency": "usd",
                 "amount_paid": 3, "country": "日本", "country_code": "jp"}""").build());

        Sale sale = topology.onlySale();
        assertThat(sale.getArtist()).isEqualTo("星空テープクラブ 🌌");
        assertThat(sale.getTitle()).isEqualTo("Ночной поезд 🚂");
        assertThat(sale.getAlbumTitle()).isEqualTo("אלבום ראשון");
        assertThat(sale.getCountry()).isEqualTo("日本");
        assertThat(sale.getCountryCode()).isEqualTo("JP");
        assertThat(sale.getCurrency()).isEqualTo("USD");
    }

    @Test
    void customDomainsAreTheArtistsSite() {
        String item = Samples.item(Samples.ALBUM_USD)
                .replace("//kitefall.bandcamp.com/album/northern-static", "//music.kitefall.example/album/northern-static");
        topology.pipe(raw("s", item).build());

        Sale sale = topology.onlySale();
        assertThat(sale.getUrl()).isEqualTo("https://music.kitefall.example/album/northern-static");
        assertThat(sale.getArtistUrl()).isEqualTo("https://music.kitefall.example");
    }

    @Test
    void protocolRelativeUrlsTakeTheSchemeOfTheFeed() {
        String item = Samples.item(Samples.ALBUM_USD);
        topology.pipe(raw("over-http", item).setFeedBaseUrl("http://127.0.0.1:8090").build());
        topology.pipe(raw("over-https", item).setFeedBaseUrl("https://bandcamp.com").build());

        List<Sale> sales = topology.sales().stream().map(TestRecord::value).toList();
        assertThat(sales).extracting(Sale::getUrl).containsExactly(
                "http://kitefall.bandcamp.com/album/northern-static",
                "https://kitefall.bandcamp.com/album/northern-static");
        assertThat(sales).extracting(Sale::getArtistUrl).containsExactly(
                "http://kitefall.bandcamp.com", "https://kitefall.bandcamp.com");
    }

    @Test
    void nameYourPriceAndOverpaying() {
        String nameYourPrice = Samples.item(Samples.TRACK_GBP).replace("\"item_price\": 1,", "\"item_price\": 0,");
        topology.pipe(raw("pwyw", nameYourPrice).build());
        topology.pipe(raw("over", Samples.item(Samples.TRACK_GBP_OVERPAID)).build());

        List<Sale> sales = topology.sales().stream().map(TestRecord::value).toList();
        Sale pwyw = sales.get(0);
        assertThat(pwyw.getPayWhatYouWant()).isTrue();
        assertThat(pwyw.getListPrice()).isEqualTo(new BigDecimal("0.0000"));
        assertThat(pwyw.getOverpaid()).as("nothing is over a price of 0").isNull();
        Sale over = sales.get(1);
        assertThat(over.getPayWhatYouWant()).isFalse();
        assertThat(over.getAmountPaid()).isEqualTo(new BigDecimal("1.5000"));
        assertThat(over.getOverpaid()).isEqualTo(new BigDecimal("0.5000"));
    }

    @Test
    void saleTimesAreExactToTheMicrosecond() {
        String item = Samples.item(Samples.ALBUM_USD).replace("1750000398.312088", "1750000398.3120885");
        topology.pipe(raw("tie", item).setEventUtcDate("1750000398.2045536").build());
        String noItemTime = Samples.item(Samples.ALBUM_USD).replace("\"utc_date\": 1750000398.312088,", "");
        topology.pipe(raw("cart-time", noItemTime).setEventUtcDate("1750000398.9999996").build());

        List<Sale> sales = topology.sales().stream().map(TestRecord::value).toList();
        assertThat(sales.get(0).getSoldAt()).isEqualTo(Instant.parse("2025-06-15T15:13:18.312089Z"));
        assertThat(sales.get(0).getCartSoldAt()).isEqualTo(Instant.parse("2025-06-15T15:13:18.204554Z"));
        assertThat(sales.get(1).getSoldAt()).as("the cart's time when the item has none")
                .isEqualTo(Instant.parse("2025-06-15T15:13:19Z"));
    }

    private static void assertOptionalFieldsNull(Sale sale) {
        assertThat(sale.getSlugType()).isNull();
        assertThat(sale.getAlbumTitle()).isNull();
        assertThat(sale.getUrl()).isNull();
        assertThat(sale.getArtistUrl()).isNull();
        assertThat(sale.getArtUrl()).isNull();
        assertThat(sale.getListPrice()).isNull();
        assertThat(sale.getPayWhatYouWant()).isFalse();
        assertThat(sale.getOverpaid()).isNull();
        assertThat(sale.getAmountPaidFormatted()).isNull();
        assertThat(sale.getCountry()).isNull();
        assertThat(sale.getCountryCode()).isNull();
        assertThat(sale.getArtId()).isNull();
        assertThat(sale.getPackageImageId()).isNull();
    }
}
