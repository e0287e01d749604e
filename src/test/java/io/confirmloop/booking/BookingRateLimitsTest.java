package io.confirmloop.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confirmloop.system.ApiException;
import org.junit.jupiter.api.Test;

class BookingRateLimitsTest {

    private final BookingRateLimits limits = new BookingRateLimits(3, 2, 1);

    @Test
    void eachAddressHasItsOwnBucketAndAnEmptyOneSaysHowLongToWait() {
        for (int i = 0; i < 3; i++) {
            limits.read("203.0.113.7");
        }

        assertThatThrownBy(() -> limits.read("203.0.113.7")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().value()).isEqualTo(429);
            assertThat(e.code()).isEqualTo("RATE_LIMITED");
            assertThat(e.retryAfterSeconds()).isBetween(1L, 60L);
        });
        limits.read("198.51.100.2");
    }

    @Test
    void bookingsAreLimitedPerAddressAndPerPhoneNumber() {
        limits.book("203.0.113.7");
        limits.book("203.0.113.7");
        assertThatThrownBy(() -> limits.book("203.0.113.7")).isInstanceOf(ApiException.class);

        limits.bookPhone("+12015550143");
        assertThatThrownBy(() -> limits.bookPhone("+12015550143")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.retryAfterSeconds()).isGreaterThan(60L));
        limits.bookPhone("+12015550188");
    }
}
