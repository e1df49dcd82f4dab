package io.tracktion.transformer.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ItemUrlsTest {

    @ParameterizedTest(name = "{1} from {0}")
    @CsvSource({
            "https://bandcamp.com,      //artist.bandcamp.com/album/x, https://artist.bandcamp.com/album/x, https://artist.bandcamp.com",
            "http://127.0.0.1:8090,     //artist.bandcamp.com/album/x, http://artist.bandcamp.com/album/x,  http://artist.bandcamp.com",
            "http://127.0.0.1:8090/api, //artist.bandcamp.com/album/x, http://artist.bandcamp.com/album/x,  http://artist.bandcamp.com",
            "https://bandcamp.com,      //music.label.example/track/y, https://music.label.example/track/y, https://music.label.example",
            "https://bandcamp.com,      //Artist.Bandcamp.com/album/x, https://Artist.Bandcamp.com/album/x, https://artist.bandcamp.com",
            "https://bandcamp.com,      https://custom.example.org:8443/album/z, https://custom.example.org:8443/album/z, https://custom.example.org:8443",
            "http://127.0.0.1:8090,     /album/x,                      http://127.0.0.1:8090/album/x,       http://127.0.0.1:8090",
            // RFC 3986 5.2.3: a base with a host and no path merges as "/" + path.
            "https://bandcamp.com,      album/x,                       https://bandcamp.com/album/x,        https://bandcamp.com",
            "https://bandcamp.com/api/salesfeed/1/get, album/x,        https://bandcamp.com/api/salesfeed/1/album/x, https://bandcamp.com",
    })
    void resolvesAgainstTheFeedItCameFrom(String base, String url, String expectedUrl, String expectedArtistUrl) {
        assertThat(ItemUrls.resolve(base, url)).isEqualTo(new ItemUrls(expectedUrl, expectedArtistUrl));
    }

    @ParameterizedTest(name = "{1} from {0}")
    @CsvSource({
            "https://bandcamp.com, //bad host/album/x",
            "https://bandcamp.com, 'http://['",
            "https://bandcamp.com, javascript:alert(1)",
            "https://bandcamp.com, ftp://files.example/album",
            "https://bandcamp.com, ''",
            "https://bandcamp.com, ",
            "not a url,            //artist.bandcamp.com/album/x",
            "relative/base,        //artist.bandcamp.com/album/x",
    })
    void givesNothingForWhatIsNotAWebPage(String base, String url) {
        assertThat(ItemUrls.resolve(base, url)).isEqualTo(new ItemUrls(null, null));
    }
}
