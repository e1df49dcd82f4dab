package io.tracktion.ingestor;

import io.micronaut.runtime.Micronaut;
import io.tracktion.ingestor.backfill.BackfillCommand;
import java.util.List;

/** Polls Bandcamp's public sales feed and publishes every sold item, raw and replayable, to Kafka. */
public final class IngestorApplication {

    private IngestorApplication() {
    }

    /** Runs the service; {@code backfill --from <instant> --to <instant>} replays a past range instead, and exits. */
    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("backfill")) {
            System.exit(BackfillCommand.run(List.of(args).subList(1, args.length), System.getenv(), System.out));
        }
        Micronaut.run(IngestorApplication.class, args);
    }
}
