package io.confirmloop.calendar;

import java.util.Objects;

/**
 * A credential (password, token) that prints as {@code ••••}: only {@link #reveal()} gives the value,
 * so it cannot reach a log or an API answer by accident.
 */
public final class Secret {

    private static final String MASK = "••••";

    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** {@code null} for {@code null}: for optional credentials. */
    public static Secret ofNullable(String value) {
        return value == null ? null : new Secret(value);
    }

    /** The value itself: for the provider call and the encrypted store only. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && value.equals(s.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return MASK;
    }
}
