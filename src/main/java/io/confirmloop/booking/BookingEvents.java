package io.confirmloop.booking;

/** How a booked appointment reads in the owner's calendar: the client's name, number and email, which the sync finds again. */
final class BookingEvents {

    private BookingEvents() {
    }

    static String title(String name) {
        return name + " (booked online)";
    }

    static String description(String name, String phone, String email) {
        return "Booked online by " + name + "\nPhone: " + phone + (email == null ? "" : "\nEmail: " + email);
    }
}
