package io.tracktion.ingestor.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracktion.ingestor.feed.FeedParser;
import io.tracktion.ingestor.feed.FeedWindow;
import io.tracktion.ingestor.testing.FeedJson;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.Topics;
import io.tracktion.testsupport.SchemaRegistry;
import io.tracktion.schemas.RawSale;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawSalesTest {

    private static final Instant FETCHED_AT = Instant.parse("2025-06-15T15:17:09.123Z");

    @Test
    void carriesEachItemWithItsCartAndWindow() throws Exception {
        FeedWindow window = FeedParser.parse(FeedJson.sample("get-initial.json"));
        List<RawSale> sales = RawSales.of(window, "https://bandcamp.com", FETCHED_AT);

        assertThat(sales).hasSize(6);
        RawSale tShirt = sales.get(4);
        assertThat(tShirt.getItemIndex()).isEqualTo(1);
        assertThat(tShirt.getCartSize()).isEqualTo(2);
        assertThat(tShirt.getEventId()).isEqualTo(sales.get(3).getEventId()).isEqualTo(window.events().get(3).eventId());
        assertThat(tShirt.getSaleId()).isNotEqualTo(sales.get(3).getSaleId());
        assertThat(tShirt.getEventType()).isEqualTo("sale");
        assertThat(tShirt.getEventUtcDate()).isEqualTo("1750000398.2045536");
        assertThat(tShirt.getWindowStartDate()).isEqualTo(1750000020L);
        assertThat(tShirt.getWindowEndDate()).isEqualTo(1750000620L);
        assertThat(tShirt.getServerTime()).isEqualTo(1750000629L);
        assertThat(tShirt.getDataDelaySec()).isEqualTo(120);
        assertThat(tShirt.getFeedBaseUrl()).isEqualTo("https://bandcamp.com");
        assertThat(tShirt.getFetchedAt()).isEqualTo(FETCHED_AT);
        assertThat(tShirt.getItemJson()).contains("\"item_description\": \"Northern Static Tour T-Shirt\"");
        assertThat(sales.get(0).getItemIndex()).isZero();
        assertThat(sales.get(0).getCartSize()).isEqualTo(1);
    }

    @Test
    void survivesAvroWithTheRawJsonUntouched() throws Exception {
        String item = "{\"artist_name\": \"星空 🚀\", \"amount_paid\": 4.989999771118164, \"x\": [null]}";
        FeedWindow window = FeedParser.parse("{\"start_date\": 0, \"end_date\": 60, \"events\": [{\"items\": [" + item + ", 5]}]}");
        RegistryAvroSerde<RawSale> serde = RegistryAvroSerde.rawSale(SchemaRegistry.shared());
        String topic = Topics.RAW_SALES.name();

        List<RawSale> decoded = RawSales.of(window, "http://127.0.0.1:1", FETCHED_AT).stream()
                .map(sale -> serde.deserialize(topic, serde.serialize(topic, sale))).toList();

        assertThat(decoded).extracting(RawSale::getItemJson).containsExactly(item, "5");
        assertThat(decoded.get(0).getEventType()).isNull();
        assertThat(decoded.get(0).getServerTime()).isNull();
        assertThat(decoded.get(0).getDataDelaySec()).isNull();
    }
}
