package io.tracktion.schemas;

/** The values of {@code Release.status}, shared by every service that reads releases. */
public final class ReleaseStatus {

    /** A sale named the release; its page has not been read yet. */
    public static final String PENDING = "pending";
    /** The page was fetched and read. */
    public static final String KNOWN = "known";
    /** The page answered 404 or 410. */
    public static final String GONE = "gone";
    /** The page was fetched but no release could be read from it (the page went to the dead-letter topic). */
    public static final String UNREADABLE = "unreadable";

    private ReleaseStatus() {
    }
}
