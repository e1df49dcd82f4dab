package io.tracktion.simulator.feed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.tracktion.simulator.SimClock;
import io.tracktion.simulator.faults.Corruption;
import io.tracktion.simulator.faults.Faults;
import io.tracktion.simulator.faults.RequestFault;
import io.tracktion.simulator.http.BadRequestException;
import io.tracktion.simulator.http.QueryParams;
import io.tracktion.simulator.http.Responses;
import io.tracktion.simulator.sales.Cart;
import io.tracktion.simulator.sales.ItemKey;
import io.tracktion.simulator.sales.SaleGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The public sales feed: {@code get_initial} (latest window, wrapped in {@code feed_data}) and
 * {@code get?start_date=S} (the window [S, min(S + window, now floored to the minute))). Queued faults
 * replace or delay answers; served items go to the {@link Ledger}.
 */
public final class FeedHandler {

    private static final String MAINTENANCE_PAGE = "<!DOCTYPE html>\n<html><head><title>Bandcamp</title></head>"
            + "<body><h1>Bandcamp is down for maintenance</h1><p>We'll be back shortly.</p></body></html>\n";
    private static final String SERVER_ERROR_PAGE = "<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title>"
            + "</head><body><h1>Internal Server Error</h1></body></html>\n";

    private final SaleGenerator sales;
    private final SimClock clock;
    private final int windowSeconds;
    private final int dataDelaySec;
    private final Faults faults;
    private final Ledger ledger;
    private final WindowRenderer renderer = new WindowRenderer();

    public FeedHandler(SaleGenerator sales, SimClock clock, int windowSeconds, int dataDelaySec, Faults faults, Ledger ledger) {
        if (windowSeconds < 60) {
            throw new IllegalArgumentException("windowSeconds must be at least 60: " + windowSeconds);
        }
        this.sales = sales;
        this.clock = clock;
        this.windowSeconds = windowSeconds;
        this.dataDelaySec = dataDelaySec;
        this.faults = faults;
        this.ledger = ledger;
    }

    /** {@code GET /api/salesfeed/1/get_initial}. */
    public void initial(HttpExchange exchange) throws IOException {
        serve(exchange, OptionalLong.empty());
    }

    /** {@code GET /api/salesfeed/1/get?start_date=S}. */
    public void window(HttpExchange exchange) throws IOException {
        String raw = QueryParams.of(exchange.getRequestURI()).get("start_date")
                .orElseThrow(() -> new BadRequestException("start_date is required"));
        long startDate;
        try {
            startDate = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("start_date must be whole epoch seconds");
        }
        if (startDate < 0) {
            throw new BadRequestException("start_date must not be negative");
        }
        serve(exchange, OptionalLong.of(startDate));
    }

    /** {@code GET /_sim/ledger}. */
    public void ledgerTotals(HttpExchange exchange) throws IOException {
        Ledger.Totals totals = ledger.totals();
        ObjectNode body = Responses.object()
                .put("items", totals.items())
                .put("carts", totals.carts())
                .put("usd_total", totals.usdTotal())
                .put("artists", totals.artists())
                .put("countries", totals.countries())
                .put("corrupted_items", totals.corruptedItems());
        Responses.json(exchange, 200, body);
    }

    /** @param startDate the client's start, or empty for {@code get_initial} */
    private void serve(HttpExchange exchange, OptionalLong startDate) throws IOException {
        Optional<RequestFault> fault = faults.nextRequestFault();
        if (fault.isPresent() && answeredByFault(exchange, fault.get())) {
            return;
        }
        long serverTime = clock.now().getEpochSecond();
        long published = Math.floorDiv(serverTime, 60) * 60;
        long start = startDate.isPresent() ? startDate.getAsLong() : published - windowSeconds;
        if (startDate.isPresent() && fault.isPresent() && fault.get().kind() == RequestFault.Kind.REWIND) {
            start = Math.max(0, start - fault.get().duration().toSeconds());
        }
        if (startDate.isPresent() && fault.isPresent() && fault.get().kind() == RequestFault.Kind.SKIP_AHEAD) {
            start = Math.min(published, start + fault.get().duration().toSeconds());
        }
        long end = published - start > windowSeconds ? start + windowSeconds : published; // no overflow for huge starts
        if (start >= end) {
            Responses.send(exchange, 200, Responses.JSON, renderer.caughtUp(serverTime));
            return;
        }
        boolean wrap = !startDate.isPresent();
        if (fault.isPresent() && fault.get().kind() == RequestFault.Kind.TRUNCATED_JSON) {
            FeedWindow window = new FeedWindow(start, end, dataDelaySec, serverTime, sales.between(start, end));
            byte[] whole = renderer.window(window, wrap, null, null);
            Responses.send(exchange, 200, Responses.JSON, Arrays.copyOf(whole, whole.length / 2));
            return;
        }
        // Streamed, a minute's carts at a time: a ten-minute window at a thousand sales a second is hundreds of
        // megabytes of JSON, which need not be in memory at once.
        exchange.getResponseHeaders().set("Content-Type", Responses.JSON);
        exchange.sendResponseHeaders(200, 0);
        long from = start;
        long to = end;
        try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 1 << 16)) {
            renderer.stream(out, start, end, dataDelaySec, serverTime, wrap, sink -> writeCarts(from, to, sink));
        }
    }

    /**
     * Every cart of [start, end), each recorded in the ledger just before it is written. A queued corruption
     * damages the first item of the first cart in the window's second half, if it has one (else it waits for
     * the next window).
     */
    private void writeCarts(long start, long end, WindowRenderer.CartSink sink) throws IOException {
        long fromMicros = start * 1_000_000L;
        long toMicros = end * 1_000_000L;
        long middleMicros = (start + (end - start) / 2) * 1_000_000L;
        boolean[] corruptionDue = {true};
        IOException[] failed = {null};
        for (long minute = Math.floorDiv(start, 60); minute <= Math.floorDiv(end - 1, 60) && failed[0] == null; minute++) {
            sales.eachCart(minute, cart -> {
                if (failed[0] != null || cart.utcMicros() < fromMicros || cart.utcMicros() >= toMicros) {
                    return;
                }
                ItemKey damaged = null;
                Corruption corruption = null;
                if (corruptionDue[0] && cart.utcMicros() >= middleMicros) {
                    corruptionDue[0] = false;
                    corruption = faults.nextCorruption().orElse(null);
                    damaged = corruption == null ? null : cart.items().get(0).key();
                }
                ledger.record(cart, damaged, corruption);
                try {
                    sink.write(cart, damaged, corruption);
                } catch (IOException e) {
                    failed[0] = e; // the client left: stop generating
                }
            });
        }
        if (failed[0] != null) {
            throw failed[0];
        }
    }

    /** Answers the request as the fault dictates; false when the normal answer should follow (after a delay). */
    private static boolean answeredByFault(HttpExchange exchange, RequestFault fault) throws IOException {
        switch (fault.kind()) {
            case RATE_LIMITED:
                exchange.getResponseHeaders().set("Retry-After", Long.toString(fault.duration().toSeconds()));
                Responses.jsonError(exchange, 429, "Too many requests");
                return true;
            case SERVER_ERROR:
                Responses.html(exchange, 500, SERVER_ERROR_PAGE);
                return true;
            case HTML_ERROR_PAGE:
                Responses.html(exchange, 200, MAINTENANCE_PAGE);
                return true;
            case SLOW:
                try {
                    Thread.sleep(fault.duration().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return true; // the simulator is stopping: abandon the request, the connection just closes
                }
                return false;
            case TRUNCATED_JSON:
            case REWIND:
            case SKIP_AHEAD:
                return false;
            default:
                throw new IllegalStateException("unhandled fault " + fault.kind());
        }
    }
}
