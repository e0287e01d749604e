package io.confirmloop.messaging;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The dev mail outbox's API. */
@RestController
@ConditionalOnProperty(name = "confirmloop.mail.provider", havingValue = "dev")
class DevMailController {

    private final DevMailOutbox outbox;

    DevMailController(DevMailOutbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/api/dev/mail/outbox")
    List<DevMailOutbox.Item> outbox() {
        return outbox.outbox();
    }
}
