package io.confirmloop.booking;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A kind of availability of an account, with one of 7 colours; the client-facing one is what clients can book. */
public record AvailabilityType(String id, String ownerGroup, String name, Color color, boolean clientFacing) {

    /** The 7 colours a type can have. */
    public enum Color {
        BLUE, GREEN, YELLOW, ORANGE, RED, PURPLE, GRAY;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static List<String> labels() {
            return Arrays.stream(values()).map(Color::label).toList();
        }

        /** The colour named {@code label} (any case), or empty. */
        public static Optional<Color> of(String label) {
            return label == null ? Optional.empty()
                    : Arrays.stream(values()).filter(c -> c.label().equalsIgnoreCase(label.trim())).findFirst();
        }
    }
}
