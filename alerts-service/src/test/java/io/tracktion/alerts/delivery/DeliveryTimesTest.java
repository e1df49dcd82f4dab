package io.tracktion.alerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracktion.alerts.subscriptions.Subscription;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** When alerts go out: quiet hours in the subscriber's zone (over midnight, over a daylight-saving change), digests. */
class DeliveryTimesTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void outsideQuietHoursAnAlertGoesAtOnce() {
        Instant noon = Instant.parse("2026-12-05T11:00:00Z"); // 12:00 in Berlin
        assertThat(DeliveryTimes.due(subscription(BERLIN, "22:00", "08:00", "none"), noon)).isEqualTo(noon);
    }

    @Test
    void quietHoursOverMidnightHoldUntilTheyEndTheNextMorningLocalTime() {
        Subscription s = subscription(BERLIN, "22:00", "08:00", "none");
        // 23:30 in Berlin (22:30 UTC, winter): held until 08:00 Berlin, 07:00 UTC the next day.
        assertThat(DeliveryTimes.due(s, Instant.parse("2026-12-05T22:30:00Z"))).isEqualTo(Instant.parse("2026-12-06T07:00:00Z"));
        // 02:00 in Berlin: the same morning.
        assertThat(DeliveryTimes.due(s, Instant.parse("2026-12-06T01:00:00Z"))).isEqualTo(Instant.parse("2026-12-06T07:00:00Z"));
        // 21:59 Berlin is not quiet yet; 08:00 is not quiet any more.
        assertThat(DeliveryTimes.due(s, Instant.parse("2026-12-05T20:59:00Z"))).isEqualTo(Instant.parse("2026-12-05T20:59:00Z"));
        assertThat(DeliveryTimes.due(s, Instant.parse("2026-12-06T07:00:00Z"))).isEqualTo(Instant.parse("2026-12-06T07:00:00Z"));
    }

    @Test
    void theEndOfQuietHoursFollowsTheLocalClockOverADaylightSavingChange() {
        Subscription s = subscription(BERLIN, "22:00", "08:00", "none");
        // Night of 28-29 March 2026: clocks go from 02:00 CET to 03:00 CEST. 23:00 CET = 22:00 UTC; 08:00 CEST = 06:00 UTC.
        assertThat(DeliveryTimes.due(s, Instant.parse("2026-03-28T22:00:00Z"))).isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
        // Night of 24-25 October 2026: back from 03:00 CEST to 02:00 CET. 08:00 CET = 07:00 UTC.
        assertThat(DeliveryTimes.due(s, Instant.parse("2026-10-24T21:00:00Z"))).isEqualTo(Instant.parse("2026-10-25T07:00:00Z"));
    }

    @Test
    void quietHoursEndingAtATimeTheClockSkipsEndThatMuchAfterTheJump() {
        Subscription s = subscription(BERLIN, "01:00", "02:30", "none");
        // 01:30 CET on 29 March 2026; 02:30 does not exist that night: the clock jumps from 02:00 CET to 03:00 CEST
        // (01:00 UTC). The quiet hours end half an hour after the jump, at 03:30 CEST (01:30 UTC).
        assertThat(DeliveryTimes.due(s, Instant.parse("2026-03-29T00:30:00Z"))).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    }

    @Test
    void aQuietPeriodWithinOneDayHoldsOnlyWithinIt() {
        Subscription s = subscription(ZoneId.of("America/New_York"), "09:00", "17:00", "none");
        Instant tenInNewYork = Instant.parse("2026-12-05T15:00:00Z");
        assertThat(DeliveryTimes.due(s, tenInNewYork)).isEqualTo(Instant.parse("2026-12-05T22:00:00Z"));
        Instant eightInNewYork = Instant.parse("2026-12-05T13:00:00Z");
        assertThat(DeliveryTimes.due(s, eightInNewYork)).isEqualTo(eightInNewYork);
    }

    @Test
    void digestsGoAtTheNextLocalHourOrAtEightInTheMorning() {
        Instant at = Instant.parse("2026-12-05T10:20:00Z");
        assertThat(DeliveryTimes.due(subscription(BERLIN, null, null, "hourly"), at)).isEqualTo(Instant.parse("2026-12-05T11:00:00Z"));
        // Kolkata is UTC+05:30: its hours begin at half past in UTC.
        assertThat(DeliveryTimes.due(subscription(ZoneId.of("Asia/Kolkata"), null, null, "hourly"), at))
                .isEqualTo(Instant.parse("2026-12-05T10:30:00Z"));
        assertThat(DeliveryTimes.due(subscription(BERLIN, null, null, "daily"), at)).isEqualTo(Instant.parse("2026-12-06T07:00:00Z"));
        // An hourly digest falling in quiet hours waits for their end.
        assertThat(DeliveryTimes.due(subscription(BERLIN, "22:00", "07:00", "hourly"), Instant.parse("2026-12-05T20:30:00Z")))
                .isEqualTo(Instant.parse("2026-12-06T06:00:00Z"));
    }

    static Subscription subscription(ZoneId zone, String quietFrom, String quietTo, String digest) {
        return new Subscription(UUID.randomUUID(), "a@example.com", "a@example.com", "store", "all", null,
                List.of("spike"), "email", null, null, null, zone,
                quietFrom == null ? null : LocalTime.parse(quietFrom), quietTo == null ? null : LocalTime.parse(quietTo),
                digest, Subscription.ACTIVE, null, Instant.EPOCH, Instant.EPOCH, null);
    }
}
