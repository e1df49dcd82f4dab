package io.tracktion.simulator.pages;

import com.sun.net.httpserver.HttpExchange;
import io.tracktion.simulator.faults.PageFaults;
import io.tracktion.simulator.http.Responses;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Answers a page request with the release page, or a Bandcamp-style 404 page for anything not in the catalogue;
 * page faults first. Every request is counted.
 */
public final class PageHandler {

    private static final String NOT_FOUND = "<!DOCTYPE html>\n<html><head><title>Bandcamp</title></head>"
            + "<body><h2>Sorry, that something isn’t here.</h2></body></html>\n";
    private static final String SERVER_ERROR = "<!DOCTYPE html>\n<html><head><title>Bandcamp</title></head>"
            + "<body><h2>Something went wrong. Please try again later.</h2></body></html>\n";

    private final ReleasePages pages;
    private final PageFaults faults;
    private final PageHits hits;

    public PageHandler(ReleasePages pages, PageFaults faults, PageHits hits) {
        this.pages = pages;
        this.faults = faults;
        this.hits = hits;
    }

    public void serve(HttpExchange exchange, String host, String path) throws IOException {
        hits.hit(host, path);
        Optional<Integer> fixed = faults.fixedStatus(host, path);
        if (fixed.isPresent()) {
            Responses.html(exchange, fixed.get(), fixed.get() >= 500 ? SERVER_ERROR : NOT_FOUND);
            return;
        }
        Optional<PageFaults.Fault> fault = faults.next();
        if (fault.isPresent()) {
            switch (fault.get().kind()) {
                case RATE_LIMITED -> {
                    exchange.getResponseHeaders().set("Retry-After", Long.toString(fault.get().duration().toSeconds()));
                    Responses.html(exchange, 429, "<html><body>Too many requests</body></html>");
                    return;
                }
                case SERVER_ERROR -> {
                    Responses.html(exchange, 500, SERVER_ERROR);
                    return;
                }
                case SLOW -> {
                    try {
                        Thread.sleep(fault.get().duration().toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return; // stopping: the connection just closes
                    }
                }
                case NOT_A_PAGE -> {
                    Responses.html(exchange, 200, "<!DOCTYPE html><html><head><title>Bandcamp</title></head>"
                            + "<body><p>We're doing some maintenance. Back soon.</p></body></html>");
                    return;
                }
                case TRUNCATED -> {
                    truncated(exchange, pages.render(host, path).orElse(NOT_FOUND));
                    return;
                }
                default -> throw new IllegalStateException("unhandled page fault " + fault.get().kind());
            }
        }
        Optional<String> page = pages.render(host, path);
        if (page.isPresent()) {
            Responses.html(exchange, 200, page.get());
        } else {
            Responses.html(exchange, 404, NOT_FOUND);
        }
    }

    /** Promises the whole page in Content-Length, sends half, and closes: the client sees a broken answer. */
    private static void truncated(HttpExchange exchange, String page) throws IOException {
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", Responses.HTML);
        exchange.sendResponseHeaders(200, body.length);
        OutputStream out = exchange.getResponseBody();
        out.write(body, 0, body.length / 2);
        out.flush();
        // Closing the exchange with bytes missing makes the server drop the connection.
    }
}
