package io.tracktion.api.releases;

import io.micronaut.core.annotation.Nullable;
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
import io.tracktion.schemas.ReleaseUrls;
import java.util.List;

/**
 * {@code GET /api/v1/releases?url=<page URL>} and {@code GET /api/v1/releases/{id}}: what Tracktion knows of a
 * release, with its sales from {@code from} to {@code to} (the last 30 days by default), its top countries and its
 * latest signals. Any spelling of the page's URL finds it (http or https, any case of host, trailing slash, query).
 */
@Controller("/api/v1/releases")
@ExecuteOn(TaskExecutors.BLOCKING) // JDBC blocks; keep it off the event loop
public class ReleasesController {

    private final ReleaseQuery releases;
    private final ActivityQuery activity;

    public ReleasesController(ReleaseQuery releases, ActivityQuery activity) {
        this.releases = releases;
        this.activity = activity;
    }

    @Get
    public ReleaseView.Items byUrl(@QueryValue @Nullable String url, @QueryValue @Nullable String from,
                                   @QueryValue @Nullable String to) {
        Period period = Params.period(from, to);
        String given = Params.optional(url);
        if (given == null) {
            throw new InvalidParameterException("url", "is required: the release page's URL, e.g."
                    + " https://artist.bandcamp.com/album/some-album");
        }
        String canonical = ReleaseUrls.release(given).orElseThrow(() -> new InvalidParameterException("url",
                "must be the URL of a Bandcamp album, track or merch page (…/album/…, …/track/…, …/merch/…), not "
                        + Params.quoted(given)));
        return new ReleaseView.Items(releases.byUrl(canonical)
                .map(release -> List.of(release.with(activity.of("release", release.id(), period))))
                .orElse(List.of()));
    }

    @Get("/{id}")
    public ReleaseView byId(@PathVariable String id, @QueryValue @Nullable String from, @QueryValue @Nullable String to) {
        EntityIdParam.check(id, "a release id");
        Period period = Params.period(from, to);
        ReleaseView release = releases.byId(id).orElseThrow(() -> new NotFoundException("No release has id " + id));
        return release.with(activity.of("release", id, period));
    }
}
