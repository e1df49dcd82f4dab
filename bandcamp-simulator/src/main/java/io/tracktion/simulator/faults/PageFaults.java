package io.tracktion.simulator.faults;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Faults of release pages, apart from the feed's: a first-in first-out queue for the next page requests
 * (a 429 storm, 500s, slow or cut-off answers), and fixed answers for single pages ({@code status(page, 410)}),
 * which hold until cleared. Pages are named {@code host/path}, e.g. {@code artist.bandcamp.com/album/x}.
 * Thread-safe.
 */
public final class PageFaults {

    /** What happens to one page request. */
    public enum Kind {
        /** 429 with a Retry-After header (whole seconds). */
        RATE_LIMITED,
        /** 500 with an HTML error page. */
        SERVER_ERROR,
        /** The normal answer, after a delay. */
        SLOW,
        /** The page's headers promise the whole page, then the connection closes halfway. */
        TRUNCATED,
        /** 200 with a maintenance page that names no release. */
        NOT_A_PAGE
    }

    public record Fault(Kind kind, Duration duration) {
    }

    private final Deque<Fault> queue = new ArrayDeque<>();
    private final Map<String, Integer> fixedStatus = new ConcurrentHashMap<>();

    public synchronized PageFaults rateLimited(int requests, Duration retryAfter) {
        return add(requests, new Fault(Kind.RATE_LIMITED, Duration.ofSeconds(retryAfter.toSeconds())));
    }

    public synchronized PageFaults serverError(int requests) {
        return add(requests, new Fault(Kind.SERVER_ERROR, Duration.ZERO));
    }

    public synchronized PageFaults slow(int requests, Duration delay) {
        return add(requests, new Fault(Kind.SLOW, delay));
    }

    public synchronized PageFaults truncated(int requests) {
        return add(requests, new Fault(Kind.TRUNCATED, Duration.ZERO));
    }

    public synchronized PageFaults notAPage(int requests) {
        return add(requests, new Fault(Kind.NOT_A_PAGE, Duration.ZERO));
    }

    /** Every request for {@code page} ({@code host/path}) is answered with {@code status} (404, 410, 500, ...). */
    public PageFaults status(String page, int status) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        fixedStatus.put(normalise(page), status);
        return this;
    }

    public synchronized void clear() {
        queue.clear();
        fixedStatus.clear();
    }

    public synchronized List<String> pending() {
        List<String> pending = new ArrayList<>();
        queue.forEach(f -> pending.add("PAGE_" + f.kind() + (f.duration().isZero() ? "" : "(" + f.duration().toMillis() + "ms)")));
        fixedStatus.forEach((page, status) -> pending.add("PAGE_STATUS(" + page + "=" + status + ")"));
        return pending;
    }

    /** The fixed status of a page, if one was set. */
    public Optional<Integer> fixedStatus(String host, String path) {
        return Optional.ofNullable(fixedStatus.get(normalise(host + path)));
    }

    /** Takes the fault for the page request being served now, if any. */
    public synchronized Optional<Fault> next() {
        return Optional.ofNullable(queue.pollFirst());
    }

    private PageFaults add(int requests, Fault fault) {
        if (requests < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + requests);
        }
        if (fault.duration().isNegative()) {
            throw new IllegalArgumentException("duration must not be negative");
        }
        for (int i = 0; i < requests; i++) {
            queue.add(fault);
        }
        return this;
    }

    private static String normalise(String page) {
        return page.replaceFirst("^(https?:)?//", "").replaceAll("/+$", "").toLowerCase(java.util.Locale.ROOT);
    }
}
