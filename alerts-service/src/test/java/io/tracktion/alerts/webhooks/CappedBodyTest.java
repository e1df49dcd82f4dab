package io.tracktion.alerts.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** A body read up to its limit and no further. */
class CappedBodyTest {

    /** Counts what the body asks for, and whether it gave up. */
    private static final class Upstream implements Flow.Subscription {
        long requested;
        boolean cancelled;

        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Test
    void keepsTheFirstBytesUpToTheLimitThenCancels() {
        CappedBody body = new CappedBody(10);
        Upstream upstream = new Upstream();
        body.onSubscribe(upstream);
        body.onNext(List.of(ByteBuffer.wrap("abcd".getBytes())));
        assertThat(upstream.cancelled).isFalse();
        assertThat(body.getBody().toCompletableFuture()).isNotDone();

        body.onNext(List.of(ByteBuffer.wrap("efgh".getBytes()), ByteBuffer.wrap(new byte[1_000_000])));

        assertThat(upstream.cancelled).isTrue();
        assertThat(upstream.requested).isEqualTo(2);
        assertThat(body.getBody().toCompletableFuture().join()).isEqualTo("abcdefgh\0\0".getBytes());
    }

    @Test
    void aShortBodyIsReadWhole() {
        CappedBody body = new CappedBody(10);
        Upstream upstream = new Upstream();
        body.onSubscribe(upstream);
        body.onNext(List.of(ByteBuffer.wrap("ok".getBytes())));
        body.onComplete();

        assertThat(upstream.cancelled).isFalse();
        assertThat(body.getBody().toCompletableFuture().join()).isEqualTo("ok".getBytes());
    }
}
