package io.tracktion.launcher.cli;

import java.time.Instant;

/** What the user asked for on the command line. */
public record Command(Kind kind, boolean simulate, Instant from, Instant to) {

    public enum Kind { UP, SCHEMAS_REGISTER, BACKFILL, HELP }

    public static Command help() {
        return new Command(Kind.HELP, false, null, null);
    }

    public static Command schemasRegister() {
        return new Command(Kind.SCHEMAS_REGISTER, false, null, null);
    }

    public static Command up(boolean simulate) {
        return new Command(Kind.UP, simulate, null, null);
    }

    /** Replays the feed's [from, to) through the ingestor's path; {@code simulate}: the simulator's feed. */
    public static Command backfill(Instant from, Instant to, boolean simulate) {
        return new Command(Kind.BACKFILL, simulate, from, to);
    }
}
