package io.tracktion.ingestor.poll;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** {@code GET /feed/status}: where the ingestor is in the feed and how it is doing. */
@Controller("/feed")
public class FeedStatusController {

    private final FeedStatus status;

    public FeedStatusController(FeedStatus status) {
        this.status = status;
    }

    @Get("/status")
    public FeedStatus.View status() {
        return status.view();
    }
}
