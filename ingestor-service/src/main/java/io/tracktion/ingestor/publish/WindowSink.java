package io.tracktion.ingestor.publish;

import io.tracktion.schemas.FeedCursor;
import java.util.Optional;

/** Where windows go: the raw sales, the cursor that follows them and what else the window produced, all or nothing. */
public interface WindowSink extends AutoCloseable {

    /**
     * The last cursor committed for the feed. Claims the feed first, so that a transaction a previous
     * owner left open is finished before reading: the answer is the truth, not a guess.
     */
    Optional<FeedCursor> committedCursor() throws PublishException, InterruptedException;

    /** Writes every record of the window in one transaction. */
    void publish(WindowRecords records) throws PublishException, InterruptedException;

    @Override
    void close();
}
