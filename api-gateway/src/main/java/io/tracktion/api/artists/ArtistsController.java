package io.tracktion.api.artists;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tracktion.api.top.TopController;
import io.tracktion.api.top.TopList;
import io.tracktion.api.top.TopLists;
import java.util.List;

/** {@code GET /api/v1/artists/top?from&to&by&limit}: an alias of {@code /api/v1/top/artists}. */
@Controller("/api/v1/artists")
@ExecuteOn(TaskExecutors.BLOCKING) // JDBC blocks; keep it off the event loop
public class ArtistsController {

    private final TopLists topLists;

    public ArtistsController(TopLists topLists) {
        this.topLists = topLists;
    }

    @Get("/top")
    public HttpResponse<List<TopArtist>> top(@QueryValue @Nullable String from, @QueryValue @Nullable String to,
                                             @QueryValue @Nullable String by, @QueryValue @Nullable String limit) {
        TopList list = topLists.top("artists", from, to, by, limit);
        return TopController.withPeriod(HttpResponse.ok(list.entries().stream().map(TopArtist::of).toList()), list);
    }
}
