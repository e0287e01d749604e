package io.confirmloop.messaging;

import static io.confirmloop.system.Jdbc.instant;
import static io.confirmloop.system.Jdbc.ts;

import java.time.Instant;
import java.util.Optional;

import io.confirmloop.system.AppClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Global SMS opt-outs per phone number: STOP to any of our numbers stops texts from every calendar. */
@Component
public class OptOuts {

    public record State(String phone, boolean optedOut, Instant optedOutAt, String optedOutVia) {
    }

    private final JdbcClient jdbc;
    private final AppClock clock;

    OptOuts(JdbcClient jdbc, AppClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public boolean isOptedOut(String phone) {
        return state(phone).map(State::optedOut).orElse(false);
    }

    public Optional<State> state(String phone) {
        return jdbc.sql("select * from sms_subscription where phone = ?").param(phone)
                .query((rs, n) -> new State(rs.getString("phone"), rs.getBoolean("opted_out"), instant(rs, "opted_out_at"),
                        rs.getString("opted_out_via")))
                .optional();
    }

    /** @param via our number the client texted STOP to */
    void optOut(String phone, String via) {
        Instant now = clock.now();
        int updated = jdbc.sql("update sms_subscription set opted_out = true, opted_out_at = ?, opted_out_via = ?, updated_at = ? where phone = ?")
                .params(ts(now), via, ts(now), phone).update();
        if (updated == 0) {
            jdbc.sql("insert into sms_subscription (phone, opted_out, opted_out_at, opted_out_via, updated_at) values (?, true, ?, ?, ?)")
                    .params(phone, ts(now), via, ts(now)).update();
        }
    }

    void optIn(String phone) {
        jdbc.sql("update sms_subscription set opted_out = false, updated_at = ? where phone = ?").params(ts(clock.now()), phone).update();
    }
}
