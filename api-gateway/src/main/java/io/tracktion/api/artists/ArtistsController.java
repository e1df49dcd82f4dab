package io.tracktion.api.artists;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tracktion.api.params.Params;
import java.util.List;

/** {@code GET /api/v1/artists/top?from&to&by&limit}: best-selling artists by USD revenue or units. */
@Controller("/api/v1/artists")
@ExecuteOn(TaskExecutors.BLOCKING) // JDBC blocks; keep it off the event loop
public class ArtistsController {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    private final TopArtistsQuery topArtistsQuery;

    public ArtistsController(TopArtistsQuery topArtistsQuery) {
        this.topArtistsQuery = topArtistsQuery;
    }

    @Get("/top")
    public List<TopArtist> top(@QueryValue @Nullable String from,
                               @QueryValue @Nullable String to,
                               @QueryValue @Nullable String by,
                               @QueryValue @Nullable String limit) {
        return topArtistsQuery.top(
                Params.period(from, to),
                Ranking.fromParameter(by),
                Params.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
    }
}
