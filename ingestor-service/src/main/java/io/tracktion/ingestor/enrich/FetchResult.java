package io.tracktion.ingestor.enrich;

import io.tracktion.schemas.Release;
import java.time.Duration;

/** What fetching a release page came to. */
public sealed interface FetchResult {

    /**
     * The page answered for good: known, gone or unreadable. An unreadable page also goes to the dead-letter
     * topic, with {@code page} (its body) and {@code problem}.
     */
    record Answered(Release release, byte[] page) implements FetchResult {
    }

    /**
     * No answer to keep: a server error, a timeout, a broken connection, a 429, an open circuit. Try again, no
     * sooner than {@code notBefore} from now; {@code counts} is false when the failure says nothing about the page
     * (a 429, an open circuit), so it does not use up the page's attempts.
     */
    record TryAgain(String reason, Duration notBefore, boolean counts) implements FetchResult {
    }
}
