package io.tracktion.simulator.pages;

import com.sun.net.httpserver.HttpExchange;
import io.tracktion.simulator.http.Responses;
import java.io.IOException;
import java.util.Optional;

/** Answers a page request with the release page, or Bandcamp-style 404 page for anything not in the catalogue. */
public final class PageHandler {

    private static final String NOT_FOUND = "<!DOCTYPE html>\n<html><head><title>Bandcamp</title></head>"
            + "<body><h2>Sorry, that something isn’t here.</h2></body></html>\n";

    private final ReleasePages pages;

    public PageHandler(ReleasePages pages) {
        this.pages = pages;
    }

    public void serve(HttpExchange exchange, String host, String path) throws IOException {
        Optional<String> page = pages.render(host, path);
        if (page.isPresent()) {
            Responses.html(exchange, 200, page.get());
        } else {
            Responses.html(exchange, 404, NOT_FOUND);
        }
    }
}
