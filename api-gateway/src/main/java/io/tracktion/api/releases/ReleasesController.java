package io.tracktion.api.releases;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tracktion.api.params.InvalidParameterException;
import io.tracktion.api.params.Params;
import io.tracktion.api.problem.NotFoundException;
import io.tracktion.schemas.ReleaseUrls;
import java.util.List;

/**
 * {@code GET /api/v1/releases?url=<page URL>} and {@code GET /api/v1/releases/{id}}: what Tracktion knows of a
 * release. Any spelling of the page's URL finds it (http or https, any case of host, trailing slash, query).
 */
@Controller("/api/v1/releases")
@ExecuteOn(TaskExecutors.BLOCKING) // JDBC blocks; keep it off the event loop
public class ReleasesController {

    private static final String ID = "[a-z2-7]{16}";

    private final ReleaseQuery releases;

    public ReleasesController(ReleaseQuery releases) {
        this.releases = releases;
    }

    @Get
    public ReleaseView.Items byUrl(@QueryValue @Nullable String url) {
        String given = Params.optional(url);
        if (given == null) {
            throw new InvalidParameterException("url", "is required: the release page's URL, e.g."
                    + " https://artist.bandcamp.com/album/some-album");
        }
        String canonical = ReleaseUrls.release(given).orElseThrow(() -> new InvalidParameterException("url",
                "must be the URL of a Bandcamp album, track or merch page (…/album/…, …/track/…, …/merch/…), not "
                        + Params.quoted(given)));
        return new ReleaseView.Items(releases.byUrl(canonical).map(List::of).orElse(List.of()));
    }

    @Get("/{id}")
    public ReleaseView byId(@PathVariable String id) {
        if (!id.matches(ID)) {
            throw InvalidParameterException.inPath("id", "must be a release id: 16 characters a-z and 2-7, not "
                    + Params.quoted(id));
        }
        return releases.byId(id).orElseThrow(() -> new NotFoundException("No release has id " + id));
    }
}
