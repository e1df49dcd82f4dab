package io.tracktion.ingestor.poll;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.tracktion.ingestor.feed.FeedEvent;
import io.tracktion.ingestor.feed.FeedException;
import io.tracktion.ingestor.feed.FeedItem;
import io.tracktion.ingestor.feed.FeedUnavailableException;
import io.tracktion.ingestor.feed.FeedWindow;
import io.tracktion.ingestor.feed.MalformedFeedException;
import io.tracktion.ingestor.feed.RateLimitedException;
import io.tracktion.ingestor.feed.SalesFeed;
import io.tracktion.ingestor.poll.PollResult.Outcome;
import io.tracktion.ingestor.publish.PublishException;
import io.tracktion.ingestor.publish.WindowRecords;
import io.tracktion.ingestor.publish.WindowSink;
import io.tracktion.schemas.FeedCursor;
import io.tracktion.schemas.RawSale;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.slf4j.LoggerFactory;

/**
 * The cursor under any sequence of feed answers and Kafka failures, with restarts in between: every
 * request starts exactly at the committed cursor (windows tile time: no gap, no overlap), the cursor
 * never goes backwards, moves only with a committed window, and every served window is committed once.
 */
class FeedPollerPropertyTest {

    private static final Duration INTERVAL = Duration.ofSeconds(60);
    private static final long INITIAL_START = 1_750_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-15T12:00:00Z"), ZoneOffset.UTC);

    /** What the feed and Kafka do during one poll. */
    sealed interface Step {
    }

    /** The window asked for; {@code behind}: the feed already has far newer data. */
    record Window(int length, int items, boolean behind) implements Step {
    }

    /** A window that does not start where asked: overlapping, stale (ending before the cursor) or after a gap. */
    record Shifted(int offset, int length) implements Step {
    }

    record Empty() implements Step {
    }

    record RateLimited(boolean withRetryAfter) implements Step {
    }

    record Unavailable() implements Step {
    }

    record Malformed() implements Step {
    }

    /** The window is served, but Kafka refuses the transaction. */
    record KafkaRefuses(int length) implements Step {
    }

    /** Kafka cannot be reached at all: neither the cursor can be read nor a window written. */
    record KafkaUnreachable(int length) implements Step {
    }

    /** Kafka commits the window but the producer reports a failure (e.g. a timeout on commit). */
    record CommitUnclear(int length) implements Step {
    }

    /** The ingestor restarts: a new poller on the same Kafka, no poll. */
    record Restart() implements Step {
    }

    @BeforeContainer
    static void quietPollerLog() {
        // Hundreds of generated failures would each log a warning with a stack trace.
        ((Logger) LoggerFactory.getLogger(FeedPoller.class)).setLevel(Level.ERROR);
    }

    @AfterContainer
    static void restorePollerLog() {
        ((Logger) LoggerFactory.getLogger(FeedPoller.class)).setLevel(null);
    }

    @Property(tries = 300)
    void theCursorTilesTimeAndMovesOnlyWithCommittedWindows(@ForAll("runs") List<Step> steps) throws Exception {
        FakeKafka kafka = new FakeKafka();
        FakeFeed feed = new FakeFeed();
        FeedPoller poller = poller(feed, kafka);
        List<String> servedOnce = new ArrayList<>();

        for (Step step : steps) {
            if (step instanceof Restart) {
                poller = poller(feed, kafka);
                continue;
            }
            Long before = kafka.cursor();
            feed.answer(step);
            kafka.mode = step instanceof KafkaRefuses ? Mode.REFUSES
                    : step instanceof KafkaUnreachable ? Mode.UNREACHABLE
                    : step instanceof CommitUnclear ? Mode.COMMITS_BUT_FAILS : Mode.OK;

            PollResult result = poller.pollOnce();
            Long after = kafka.cursor();

            if (!feed.called) { // the committed cursor could not be read: nothing was fetched
                assertThat(step).isInstanceOf(KafkaUnreachable.class);
                assertThat(result.outcome()).isEqualTo(Outcome.PUBLISH_FAILED);
                assertThat(after).isEqualTo(before);
                continue;
            }
            // Every request starts exactly at the committed cursor: no gap, no overlap.
            if (before == null) {
                assertThat(feed.askedStart).as("no cursor: get_initial").isNull();
            } else {
                assertThat(feed.askedStart).as("request after cursor").isEqualTo(before);
            }
            if (step instanceof Window w) {
                assertThat(result.outcome()).isEqualTo(Outcome.WINDOW);
                assertThat(after).isEqualTo(feed.servedEnd);
                assertThat(result.nextPollIn()).isEqualTo(w.behind() ? Duration.ZERO : INTERVAL);
                servedOnce.addAll(feed.servedSaleIds);
            } else if (step instanceof Shifted) {
                assertThat(result.outcome()).isEqualTo(Outcome.WINDOW);
                assertThat(after).isEqualTo(before == null ? feed.servedEnd : Math.max(before, feed.servedEnd));
                servedOnce.addAll(feed.servedSaleIds);
            } else if (step instanceof CommitUnclear) {
                assertThat(result.outcome()).isEqualTo(Outcome.PUBLISH_FAILED);
                assertThat(after).isEqualTo(feed.servedEnd);
                servedOnce.addAll(feed.servedSaleIds);
            } else {
                assertThat(after).as("cursor after " + step).isEqualTo(before);
                assertThat(result.nextPollIn()).isPositive();
                assertThat(result.outcome()).isNotEqualTo(Outcome.WINDOW);
            }
        }
        assertThat(kafka.cursorHistory).as("cursor never goes backwards").isSorted().doesNotHaveDuplicates();
        assertThat(kafka.committedSaleIds).as("every served window committed exactly once")
                .containsExactlyInAnyOrderElementsOf(servedOnce);
    }

    @Provide
    Arbitrary<List<Step>> runs() {
        Arbitrary<Integer> length = Arbitraries.integers().between(1, 900);
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                Tuple.of(8, Combinators.combine(length, Arbitraries.integers().between(0, 3), Arbitraries.of(true, false))
                        .as(Window::new)),
                Tuple.of(2, Combinators.combine(Arbitraries.integers().between(-1500, 300), length).as(Shifted::new)),
                Tuple.of(2, Arbitraries.just(new Empty())),
                Tuple.of(1, Arbitraries.of(true, false).map(RateLimited::new)),
                Tuple.of(1, Arbitraries.just(new Unavailable())),
                Tuple.of(1, Arbitraries.just(new Malformed())),
                Tuple.of(1, length.map(KafkaRefuses::new)),
                Tuple.of(1, length.map(KafkaUnreachable::new)),
                Tuple.of(1, length.map(CommitUnclear::new)),
                Tuple.of(1, Arbitraries.just(new Restart())));
        return step.list().ofMaxSize(40);
    }

    private static FeedPoller poller(SalesFeed feed, WindowSink kafka) {
        return new FeedPoller("http://feed.test", feed, kafka, INTERVAL,
                new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new SplittableRandom(1)), CLOCK,
                new FeedStatus("http://feed.test"));
    }

    /** The feed: answers the next request as the step says, relative to the start asked for. */
    private static final class FakeFeed implements SalesFeed {
        private Step step;
        private int windowCount;
        boolean called;
        Long askedStart;
        Long servedEnd;
        List<String> servedSaleIds = List.of();

        void answer(Step next) {
            step = next;
            called = false;
            askedStart = null;
            servedEnd = null;
            servedSaleIds = List.of();
        }

        @Override
        public FeedWindow initial() throws FeedException {
            called = true;
            return answer(INITIAL_START);
        }

        @Override
        public FeedWindow after(long startDate) throws FeedException {
            called = true;
            askedStart = startDate;
            return answer(startDate);
        }

        private FeedWindow answer(long start) throws FeedException {
            if (step instanceof Window w) {
                return window(start, w.length(), w.items(), w.behind());
            } else if (step instanceof Shifted s) {
                return window(start + s.offset(), s.length(), 1, false);
            } else if (step instanceof KafkaRefuses k) {
                return window(start, k.length(), 1, false);
            } else if (step instanceof KafkaUnreachable k) {
                return window(start, k.length(), 1, false);
            } else if (step instanceof CommitUnclear c) {
                return window(start, c.length(), 1, false);
            } else if (step instanceof Empty) {
                return new FeedWindow(null, null, null, start + 30, List.of(), List.of());
            } else if (step instanceof RateLimited r) {
                throw new RateLimitedException("HTTP 429", r.withRetryAfter() ? Duration.ofSeconds(30) : null);
            } else if (step instanceof Unavailable) {
                throw new FeedUnavailableException("HTTP 503", null);
            } else if (step instanceof Malformed) {
                throw new MalformedFeedException("not valid JSON", "<html>", null);
            }
            throw new IllegalStateException(step + " is not an answer");
        }

        private FeedWindow window(long start, int length, int items, boolean behind) {
            long end = start + length;
            int number = windowCount++;
            List<FeedItem> sold = IntStream.range(0, items)
                    .mapToObj(i -> new FeedItem("w" + number + "-" + i, "{}", null)).toList();
            servedEnd = end;
            servedSaleIds = sold.stream().map(FeedItem::saleId).toList();
            long serverTime = behind ? end + 120 + Math.max(60, length) : end + 121;
            FeedEvent cart = new FeedEvent("e" + number, "sale", "1.0", sold);
            return new FeedWindow(start, end, 120, serverTime, List.of(cart), List.of());
        }
    }

    enum Mode { OK, REFUSES, UNREACHABLE, COMMITS_BUT_FAILS }

    /** Kafka as far as the poller can tell: committed cursors and sales, or failures. */
    private static final class FakeKafka implements WindowSink {
        final List<Long> cursorHistory = new ArrayList<>();
        final List<String> committedSaleIds = new ArrayList<>();
        Mode mode = Mode.OK;

        Long cursor() {
            return cursorHistory.isEmpty() ? null : cursorHistory.get(cursorHistory.size() - 1);
        }

        @Override
        public Optional<FeedCursor> committedCursor() throws PublishException {
            if (mode == Mode.UNREACHABLE) {
                throw new PublishException("Kafka unreachable", null, false);
            }
            return Optional.ofNullable(cursor()).map(end -> new FeedCursor("http://feed.test", end, null, Instant.EPOCH));
        }

        @Override
        public void publish(WindowRecords window) throws PublishException {
            if (mode == Mode.REFUSES || mode == Mode.UNREACHABLE) {
                throw new PublishException("transaction aborted", null, false);
            }
            window.sales().forEach(sale -> committedSaleIds.add(sale.getSaleId()));
            if (window.cursor() != null) {
                cursorHistory.add(window.cursor().getEndDate());
            }
            if (mode == Mode.COMMITS_BUT_FAILS) {
                throw new PublishException("commit timed out", null, false);
            }
        }

        @Override
        public void close() {
        }
    }
}
