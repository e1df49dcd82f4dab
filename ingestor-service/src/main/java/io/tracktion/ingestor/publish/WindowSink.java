package io.tracktion.ingestor.publish;

import io.tracktion.schemas.FeedCursor;
import io.tracktion.schemas.RawSale;
import java.util.List;
import java.util.Optional;

/** Where windows go: the raw sales and the cursor that follows them, all or nothing. */
public interface WindowSink extends AutoCloseable {

    /**
     * The last cursor committed for the feed. Claims the feed first, so that a transaction a previous
     * owner left open is finished before reading: the answer is the truth, not a guess.
     */
    Optional<FeedCursor> committedCursor() throws PublishException, InterruptedException;

    /** Writes the sales and, if not null, the cursor in one transaction. */
    void publish(List<RawSale> sales, FeedCursor cursor) throws PublishException, InterruptedException;

    @Override
    void close();
}
