package io.confirmloop.booking;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.confirmloop.system.ApiException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Abuse protection of the public booking calls: token buckets (Bucket4j) per client address for
 * reading slots and for booking, and per phone number for booking. Buckets of addresses and
 * numbers not seen for an hour are forgotten. A refusal is 429 {@code RATE_LIMITED} with how long
 * to wait.
 */
@Component
class BookingRateLimits {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(1, TimeUnit.HOURS).maximumSize(100_000).build();
    private final int readsPerMinute;
    private final int bookingsPerHourPerAddress;
    private final int bookingsPerHourPerPhone;

    BookingRateLimits(@Value("${confirmloop.booking.rate-limit.slot-reads-per-minute:120}") int readsPerMinute,
            @Value("${confirmloop.booking.rate-limit.bookings-per-hour-per-address:20}") int bookingsPerHourPerAddress,
            @Value("${confirmloop.booking.rate-limit.bookings-per-hour-per-phone:6}") int bookingsPerHourPerPhone) {
        this.readsPerMinute = readsPerMinute;
        this.bookingsPerHourPerAddress = bookingsPerHourPerAddress;
        this.bookingsPerHourPerPhone = bookingsPerHourPerPhone;
    }

    void read(String address) {
        take("read:" + address, readsPerMinute, Duration.ofMinutes(1), "Too many requests from your network; try again in a minute");
    }

    void book(String address) {
        take("book:" + address, bookingsPerHourPerAddress, Duration.ofHours(1), "Too many bookings from your network; try again later");
    }

    void bookPhone(String phone) {
        take("phone:" + phone, bookingsPerHourPerPhone, Duration.ofHours(1), "Too many booking attempts for this phone number; try again later");
    }

    private void take(String key, int capacity, Duration period, String message) {
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build()).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED", message)
                    .retryAfter(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill())));
        }
    }
}
