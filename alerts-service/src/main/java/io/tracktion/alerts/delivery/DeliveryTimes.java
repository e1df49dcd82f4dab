package io.tracktion.alerts.delivery;

import io.tracktion.alerts.subscriptions.Subscription;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * When an alert made now goes out (pure): at once, or with the subscription's hourly digest (the next full hour of
 * its time zone) or daily digest ({@value #DAILY_DIGEST_HOUR}:00 local time), and never within its quiet hours,
 * which hold it until they end. Local times are the subscriber's, daylight saving included: a quiet period that ends
 * at a time that does not exist that day (clocks jump over it) ends as long after the jump as that time is after the
 * jump's start, by the new clock: 02:30 in Berlin on the night clocks go from 02:00 to 03:00 is 03:30 CEST.
 */
public final class DeliveryTimes {

    static final int DAILY_DIGEST_HOUR = 8;

    private DeliveryTimes() {
    }

    public static Instant due(Subscription subscription, Instant now) {
        ZoneId zone = subscription.timeZone();
        Instant due = switch (subscription.digest()) {
            case "hourly" -> now.atZone(zone).truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant();
            case "daily" -> next(now, zone, LocalTime.of(DAILY_DIGEST_HOUR, 0));
            default -> now;
        };
        return notQuiet(subscription, due);
    }

    /** {@code time}, or the end of the subscription's quiet hours if it falls within them. */
    public static Instant notQuiet(Subscription subscription, Instant time) {
        return subscription.hasQuietHours()
                ? afterQuietHours(time, subscription.timeZone(), subscription.quietFrom(), subscription.quietTo()) : time;
    }

    /** {@code time} if it is outside the quiet hours, else the moment they end. */
    static Instant afterQuietHours(Instant time, ZoneId zone, LocalTime from, LocalTime to) {
        LocalTime local = time.atZone(zone).toLocalTime();
        return isQuiet(local, from, to) ? next(time, zone, to) : time;
    }

    /** Quiet hours are {@code [from, to)}; over midnight when {@code from} is after {@code to}. */
    static boolean isQuiet(LocalTime local, LocalTime from, LocalTime to) {
        return from.isBefore(to) ? !local.isBefore(from) && local.isBefore(to)
                : !local.isBefore(from) || local.isBefore(to);
    }

    /** The first instant after {@code time} at which the local clock reads {@code at} (in a gap: shifted by it). */
    static Instant next(Instant time, ZoneId zone, LocalTime at) {
        ZonedDateTime local = time.atZone(zone);
        LocalDateTime candidate = local.toLocalDate().atTime(at);
        if (!candidate.isAfter(local.toLocalDateTime())) {
            candidate = candidate.plusDays(1);
        }
        // In a gap (clocks jump forward over it) ZonedDateTime moves the time forward by the gap's length.
        return ZonedDateTime.of(candidate, zone).toInstant();
    }
}
