package io.tracktion.simulator.catalog;

import java.util.List;

/** A Bandcamp discover genre with the descriptive tags its artists tend to use. */
public record Genre(String slug, String displayName, List<String> tags) {

    public String discoverUrl() {
        return "https://bandcamp.com/discover/" + slug;
    }

    static final List<Genre> ALL = List.of(
            new Genre("electronic", "Electronic", List.of("ambient", "dub techno", "idm", "synthwave", "house", "downtempo")),
            new Genre("rock", "Rock", List.of("indie rock", "shoegaze", "post-rock", "garage", "psychedelic")),
            new Genre("experimental", "Experimental", List.of("noise", "drone", "field recordings", "tape music", "musique concrète")),
            new Genre("metal", "Metal", List.of("black metal", "doom", "sludge", "death metal", "atmospheric")),
            new Genre("hip-hop-rap", "Hip-Hop/Rap", List.of("boom bap", "lo-fi", "instrumental hip-hop", "beats", "trap")),
            new Genre("punk", "Punk", List.of("hardcore", "post-punk", "d-beat", "pop punk", "diy")),
            new Genre("folk", "Folk", List.of("singer-songwriter", "acoustic", "americana", "chamber folk", "freak folk")),
            new Genre("pop", "Pop", List.of("dream pop", "city pop", "synth-pop", "bedroom pop", "j-pop", "k-indie")),
            new Genre("jazz", "Jazz", List.of("spiritual jazz", "free jazz", "fusion", "nu jazz", "big band")),
            new Genre("ambient", "Ambient", List.of("drone", "new age", "modern classical", "sleep", "meditation")),
            new Genre("soundtrack", "Soundtrack", List.of("video game music", "film score", "chiptune", "library music")),
            new Genre("world", "World", List.of("afrobeat", "cumbia", "desert blues", "rebetiko", "gnawa")),
            new Genre("r-b-soul", "R&B/Soul", List.of("neo-soul", "funk", "gospel", "quiet storm")),
            new Genre("classical", "Classical", List.of("piano", "contemporary classical", "baroque", "string quartet")));
}
