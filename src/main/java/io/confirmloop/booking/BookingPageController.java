package io.confirmloop.booking;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The client's booking page: {@code /book/{calendarId}} is the link an owner hands out. The page is
 * static; its script reads the calendar id from the address and calls the public booking API.
 */
@Controller
class BookingPageController {

    @GetMapping("/book/{calendarId}")
    String page() {
        return "forward:/book.html";
    }
}
