package io.tracktion.simulator;

import com.sun.net.httpserver.HttpServer;
import io.tracktion.simulator.catalog.Catalog;
import io.tracktion.simulator.faults.Faults;
import io.tracktion.simulator.faults.PageFaults;
import io.tracktion.simulator.faults.FaultsHandler;
import io.tracktion.simulator.feed.FeedHandler;
import io.tracktion.simulator.feed.Ledger;
import io.tracktion.simulator.pages.PageHandler;
import io.tracktion.simulator.pages.PageHits;
import io.tracktion.simulator.pages.ReleasePages;
import io.tracktion.simulator.sales.SaleGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake Bandcamp over real HTTP: the public sales feed with deterministic synthetic sales, release pages,
 * injectable faults, and a ledger of everything served.
 *
 * <pre>{@code
 * try (BandcampSimulator sim = BandcampSimulator.builder().seed(42).clock(clock).build().start()) {
 *     poll(sim.baseUrl() + "/api/salesfeed/1/get_initial");
 *     assertEquals(sim.ledger().items(), itemsPublished);
 * }
 * }</pre>
 */
public final class BandcampSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BandcampSimulator.class);

    private final Builder settings;
    private final Catalog catalog;
    private final Ledger ledger;
    private final Faults faults = new Faults();
    private final PageFaults pageFaults = new PageFaults();
    private final PageHits pageHits = new PageHits();
    private final SimulatorRouter router;
    private HttpServer server;
    private ExecutorService executor;

    private BandcampSimulator(Builder settings) {
        this.settings = settings;
        this.ledger = new Ledger(settings.keepServedItems);
        this.catalog = Catalog.generate(settings.seed);
        SaleGenerator sales = new SaleGenerator(settings.seed, catalog, settings.salesPerMinute);
        FeedHandler feed = new FeedHandler(sales, settings.clock, settings.windowSeconds, settings.dataDelaySec, faults, ledger);
        this.router = new SimulatorRouter(catalog, feed, new FaultsHandler(faults, pageFaults),
                new PageHandler(new ReleasePages(catalog), pageFaults, pageHits), pageHits);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds and starts serving; returns this for chaining. */
    public synchronized BandcampSimulator start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(settings.bindAddress, settings.port), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind " + settings.bindAddress + ":" + settings.port, e);
        }
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "bandcamp-sim-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", router);
        server.start();
        LOG.debug("Bandcamp simulator started on {}", baseUrl());
        return this;
    }

    /** E.g. {@code http://127.0.0.1:8090}; the feed is at {@code baseUrl() + "/api/salesfeed/1/get_initial"}. */
    public synchronized String baseUrl() {
        String host = settings.bindAddress.equals("0.0.0.0") ? "127.0.0.1" : settings.bindAddress;
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    /** The bound port (the real one when built with port 0). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress().getPort();
    }

    /**
     * Where this simulator serves the page of a feed item's URL: {@code //host/album/slug} becomes
     * {@code baseUrl() + "/_pages/host/album/slug"}.
     */
    public String pageUrl(String itemUrl) {
        String withoutScheme = itemUrl.replaceFirst("^(https?:)?//", "");
        return baseUrl() + "/_pages/" + withoutScheme;
    }

    public Ledger ledger() {
        return ledger;
    }

    public Faults faults() {
        return faults;
    }

    /** Faults of release pages (the feed's are {@link #faults()}). */
    public PageFaults pageFaults() {
        return pageFaults;
    }

    /** How often each release page was asked for. */
    public PageHits pageHits() {
        return pageHits;
    }

    public Catalog catalog() {
        return catalog;
    }

    public SimClock clock() {
        return settings.clock;
    }

    public long seed() {
        return settings.seed;
    }

    public double salesPerMinute() {
        return settings.salesPerMinute;
    }

    /** Stops at once; requests still being delayed by a slow fault are abandoned. Idempotent. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            LOG.debug("Bandcamp simulator on port {} stopped", server.getAddress().getPort());
            server = null;
        }
    }

    /** Settings with the defaults of {@code SimulatorMain}; {@link #build()} checks them. */
    public static final class Builder {
        private long seed = 42;
        private double salesPerMinute = 30;
        private SimClock clock = SimClock.system();
        private String bindAddress = "127.0.0.1";
        private int port = 0;
        private int windowSeconds = 600;
        private int dataDelaySec = 120;
        private boolean keepServedItems = true;

        private Builder() {
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Mean sold items per minute (Poisson-distributed carts of 1–4 items). */
        public Builder salesPerMinute(double salesPerMinute) {
            this.salesPerMinute = salesPerMinute;
            return this;
        }

        /** Whether {@link Ledger#servedItems()} is kept (true); false keeps only totals, for load-test rates. */
        public Builder keepServedItems(boolean keep) {
            this.keepServedItems = keep;
            return this;
        }

        public Builder clock(SimClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder bindAddress(String bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder windowSeconds(int windowSeconds) {
            this.windowSeconds = windowSeconds;
            return this;
        }

        public Builder dataDelaySec(int dataDelaySec) {
            this.dataDelaySec = dataDelaySec;
            return this;
        }

        public BandcampSimulator build() {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535: " + port);
            }
            if (windowSeconds < 60) {
                throw new IllegalArgumentException("windowSeconds must be at least 60: " + windowSeconds);
            }
            if (dataDelaySec < 0) {
                throw new IllegalArgumentException("dataDelaySec must not be negative: " + dataDelaySec);
            }
            if (!(salesPerMinute >= 0) || Double.isInfinite(salesPerMinute)) {
                throw new IllegalArgumentException("salesPerMinute must be a finite number >= 0: " + salesPerMinute);
            }
            return new BandcampSimulator(copy());
        }

        private Builder copy() {
            Builder copy = new Builder();
            copy.seed = seed;
            copy.salesPerMinute = salesPerMinute;
            copy.clock = clock;
            copy.bindAddress = bindAddress;
            copy.port = port;
            copy.windowSeconds = windowSeconds;
            copy.dataDelaySec = dataDelaySec;
            copy.keepServedItems = keepServedItems;
            return copy;
        }
    }
}
