package io.tracktion.simulator.faults;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.tracktion.simulator.http.BadRequestException;
import io.tracktion.simulator.http.QueryParams;
import io.tracktion.simulator.http.Responses;
import java.io.IOException;
import java.time.Duration;

/**
 * Admin endpoint {@code /_sim/faults}, for driving the simulator from outside the JVM:
 * <ul>
 *   <li>{@code POST ?type=rate_limited&count=2&retry_after=5} (seconds, default 1)</li>
 *   <li>{@code POST ?type=server_error&count=1}</li>
 *   <li>{@code POST ?type=slow&count=1&delay_ms=3000}</li>
 *   <li>{@code POST ?type=truncated&count=1}, {@code POST ?type=html&count=1}</li>
 *   <li>{@code POST ?type=rewind&count=1&by_seconds=600} (overlapping windows; 600 serves the previous window again)</li>
 *   <li>{@code POST ?type=corrupt&count=1&corruption=amount|item_type} (count = number of non-empty windows)</li>
 *   <li>{@code POST ?type=page_rate_limited&count=5&retry_after=2}, {@code page_server_error}, {@code page_slow}
 *       ({@code delay_ms}), {@code page_truncated}: the next release page requests</li>
 *   <li>{@code POST ?type=page_status&page=host/album/x&status=410}: that page, until cleared</li>
 *   <li>{@code GET} lists pending faults, {@code DELETE} clears them.</li>
 * </ul>
 * {@code count} defaults to 1. Answers with the pending list.
 */
public final class FaultsHandler {

    private final Faults faults;
    private final PageFaults pageFaults;

    public FaultsHandler(Faults faults, PageFaults pageFaults) {
        this.faults = faults;
        this.pageFaults = pageFaults;
    }

    public void handle(HttpExchange exchange) throws IOException {
        switch (exchange.getRequestMethod()) {
            case "GET":
                break;
            case "DELETE":
                faults.clear();
                pageFaults.clear();
                break;
            case "POST":
                add(QueryParams.of(exchange.getRequestURI()));
                break;
            default:
                exchange.getResponseHeaders().set("Allow", "GET, POST, DELETE");
                Responses.jsonError(exchange, 405, "method not allowed");
                return;
        }
        ObjectNode body = Responses.object();
        ArrayNode pending = body.putArray("pending");
        faults.pending().forEach(pending::add);
        pageFaults.pending().forEach(pending::add);
        Responses.json(exchange, 200, body);
    }

    private void add(QueryParams params) {
        String type = params.get("type").orElseThrow(() -> new BadRequestException("type is required"));
        int count = (int) number(params, "count", 1);
        if (count < 1) {
            throw new BadRequestException("count must be at least 1");
        }
        switch (type) {
            case "rate_limited":
                faults.rateLimited(count, Duration.ofSeconds(number(params, "retry_after", 1)));
                break;
            case "server_error":
                faults.serverError(count);
                break;
            case "slow":
                faults.slow(count, Duration.ofMillis(number(params, "delay_ms", 2000)));
                break;
            case "truncated":
                faults.truncatedJson(count);
                break;
            case "html":
                faults.htmlErrorPage(count);
                break;
            case "rewind":
                faults.rewind(count, Duration.ofSeconds(number(params, "by_seconds", 600)));
                break;
            case "page_rate_limited":
                pageFaults.rateLimited(count, Duration.ofSeconds(number(params, "retry_after", 1)));
                break;
            case "page_server_error":
                pageFaults.serverError(count);
                break;
            case "page_slow":
                pageFaults.slow(count, Duration.ofMillis(number(params, "delay_ms", 2000)));
                break;
            case "page_truncated":
                pageFaults.truncated(count);
                break;
            case "page_not_a_page":
                pageFaults.notAPage(count);
                break;
            case "page_status":
                try {
                    pageFaults.status(params.get("page").orElseThrow(() -> new BadRequestException("page is required")),
                            (int) number(params, "status", 404));
                } catch (IllegalArgumentException e) {
                    throw new BadRequestException(e.getMessage());
                }
                break;
            case "skip":
                faults.skipAhead(count, Duration.ofSeconds(number(params, "by_seconds", 300)));
                break;
            case "corrupt":
                faults.corruptItem(count, corruption(params.get("corruption").orElse("amount")));
                break;
            default:
                throw new BadRequestException("unknown fault type: " + type);
        }
    }

    private static Corruption corruption(String name) {
        switch (name) {
            case "amount":
                return Corruption.AMOUNT_NOT_A_NUMBER;
            case "item_type":
                return Corruption.UNKNOWN_ITEM_TYPE;
            default:
                throw new BadRequestException("corruption must be amount or item_type");
        }
    }

    private static long number(QueryParams params, String name, long defaultValue) {
        String raw = params.get(name).orElse(null);
        if (raw == null) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value < 0 || value > Integer.MAX_VALUE) {
                throw new BadRequestException(name + " is out of range");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadRequestException(name + " must be a whole number");
        }
    }
}
