package io.tracktion.api.artists;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tracktion.api.entities.ActivityQuery;
import io.tracktion.api.entities.EntityIdParam;
import io.tracktion.api.params.InvalidParameterException;
import io.tracktion.api.params.Params;
import io.tracktion.api.params.Period;
import io.tracktion.api.problem.NotFoundException;
import io.tracktion.api.top.TopController;
import io.tracktion.api.top.TopList;
import io.tracktion.api.top.TopLists;
import io.tracktion.schemas.ReleaseUrls;
import java.util.List;

/**
 * {@code GET /api/v1/artists/{id}?from&to}: an artist with its sales of the period (the last 30 days by default),
 * top countries and latest signals; {@code GET /api/v1/artists?url=<root URL>} finds artists by their site;
 * {@code GET /api/v1/artists/top} is an alias of {@code /api/v1/top/artists}.
 */
@Controller("/api/v1/artists")
@ExecuteOn(TaskExecutors.BLOCKING) // JDBC blocks; keep it off the event loop
public class ArtistsController {

    private final TopLists topLists;
    private final ArtistQuery artists;
    private final ActivityQuery activity;

    public ArtistsController(TopLists topLists, ArtistQuery artists, ActivityQuery activity) {
        this.topLists = topLists;
        this.artists = artists;
        this.activity = activity;
    }

    @Get("/top")
    public HttpResponse<List<TopArtist>> top(@QueryValue @Nullable String from, @QueryValue @Nullable String to,
                                             @QueryValue @Nullable String by, @QueryValue @Nullable String limit) {
        TopList list = topLists.top("artists", from, to, by, limit);
        return TopController.withPeriod(HttpResponse.ok(list.entries().stream().map(TopArtist::of).toList()), list);
    }

    @Get
    public ArtistView.Items byUrl(@QueryValue @Nullable String url, @QueryValue @Nullable String from,
                                  @QueryValue @Nullable String to) {
        Period period = Params.period(from, to);
        String given = Params.optional(url);
        if (given == null) {
            throw new InvalidParameterException("url", "is required: the artist's site, e.g. https://artist.bandcamp.com");
        }
        String root = ReleaseUrls.root(given).orElseThrow(() -> new InvalidParameterException("url",
                "must be an http(s) URL of the artist's site, not " + Params.quoted(given)));
        return new ArtistView.Items(artists.byUrl(root).stream()
                .map(artist -> artist.with(activity.of("artist", artist.id(), period))).toList());
    }

    @Get("/{id}")
    public ArtistView byId(@PathVariable String id, @QueryValue @Nullable String from, @QueryValue @Nullable String to) {
        EntityIdParam.check(id, "an artist id");
        Period period = Params.period(from, to);
        ArtistView artist = artists.byId(id).orElseThrow(() -> new NotFoundException("No artist has id " + id));
        return artist.with(activity.of("artist", id, period));
    }
}
