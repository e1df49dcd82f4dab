package io.tracktion.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.tracktion.simulator.catalog.Catalog;
import io.tracktion.simulator.faults.FaultsHandler;
import io.tracktion.simulator.feed.FeedHandler;
import io.tracktion.simulator.http.BadRequestException;
import io.tracktion.simulator.http.Responses;
import io.tracktion.simulator.pages.PageHandler;
import io.tracktion.simulator.pages.PageHits;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches every request. Release pages are recognised first: an absolute-form request URI (the simulator
 * used as an HTTP proxy), a Host header naming a catalogue host, or {@code /_pages/<host>/<path>}. Everything
 * else is routed by path.
 */
final class SimulatorRouter implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorRouter.class);
    private static final String PAGES_PREFIX = "/_pages/";

    private final Catalog catalog;
    private final FeedHandler feed;
    private final FaultsHandler faults;
    private final PageHandler pages;
    private final PageHits pageHits;

    SimulatorRouter(Catalog catalog, FeedHandler feed, FaultsHandler faults, PageHandler pages, PageHits pageHits) {
        this.catalog = catalog;
        this.feed = feed;
        this.faults = faults;
        this.pages = pages;
        this.pageHits = pageHits;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            LOG.debug("{} {}", exchange.getRequestMethod(), exchange.getRequestURI());
            route(exchange);
        } catch (BadRequestException e) {
            answerError(exchange, 400, e.getMessage());
        } catch (Exception e) {
            LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            answerError(exchange, 500, "internal error");
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String path = uri.getPath() == null ? "" : uri.getPath();
        PageRequest page = pageRequest(exchange, uri, path);
        if (page != null) {
            if (requireGet(exchange)) {
                pages.serve(exchange, page.host(), page.path());
            }
            return;
        }
        switch (path) {
            case "/api/salesfeed/1/get_initial":
                if (requireGet(exchange)) {
                    feed.initial(exchange);
                }
                break;
            case "/api/salesfeed/1/get":
                if (requireGet(exchange)) {
                    feed.window(exchange);
                }
                break;
            case "/_sim/ledger":
                if (requireGet(exchange)) {
                    feed.ledgerTotals(exchange);
                }
                break;
            case "/_sim/pages":
                if (requireGet(exchange)) {
                    ObjectNode body = Responses.object().put("total", pageHits.total());
                    ObjectNode hits = body.putObject("hits");
                    pageHits.all().forEach(hits::put);
                    Responses.json(exchange, 200, body);
                }
                break;
            case "/_sim/faults":
                faults.handle(exchange);
                break;
            case "/health":
                Responses.json(exchange, 200, Responses.object().put("status", "UP"));
                break;
            default:
                Responses.jsonError(exchange, 404, "not found");
        }
    }

    private record PageRequest(String host, String path) {
    }

    /** The page a request asks for, or null when it is not a page request. */
    private PageRequest pageRequest(HttpExchange exchange, URI uri, String path) {
        if (path.startsWith(PAGES_PREFIX)) {
            String rest = path.substring(PAGES_PREFIX.length());
            int slash = rest.indexOf('/');
            return slash < 0 ? new PageRequest(rest, "/") : new PageRequest(rest.substring(0, slash), rest.substring(slash));
        }
        String host = uri.getHost() != null ? uri.getHost() : withoutPort(exchange.getRequestHeaders().getFirst("Host"));
        return host != null && catalog.artistAt(host).isPresent() ? new PageRequest(host.toLowerCase(Locale.ROOT), path) : null;
    }

    private static String withoutPort(String hostHeader) {
        if (hostHeader == null || hostHeader.startsWith("[")) {
            return hostHeader; // absent, or an IPv6 literal: never a catalogue host
        }
        int colon = hostHeader.indexOf(':');
        return colon < 0 ? hostHeader.trim() : hostHeader.substring(0, colon).trim();
    }

    private static boolean requireGet(HttpExchange exchange) throws IOException {
        if ("GET".equals(exchange.getRequestMethod())) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", "GET");
        Responses.jsonError(exchange, 405, "method not allowed");
        return false;
    }

    private static void answerError(HttpExchange exchange, int status, String message) {
        try {
            Responses.jsonError(exchange, status, message);
        } catch (IOException | RuntimeException e) {
            // The response was already under way (or the client left): the status cannot change any more.
            LOG.warn("could not send {} for {} {}: {}", status, exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
        }
    }
}
