package io.confirmloop.messaging;

import static io.confirmloop.system.Jdbc.instant;
import static io.confirmloop.system.Jdbc.ts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.confirmloop.system.AppClock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Global SMS opt-outs per phone number: STOP to any of our numbers stops texts from every calendar.
 * The one place an opt-out or opt-in is applied; the appointment side is told in the same
 * transaction ({@link OptOutListener}).
 */
@Component
public class OptOuts {

    public record State(String phone, boolean optedOut, Instant optedOutAt, String optedOutVia) {
    }

    private final JdbcClient jdbc;
    private final AppClock clock;
    private final ObjectProvider<OptOutListener> listeners;

    OptOuts(JdbcClient jdbc, AppClock clock, ObjectProvider<OptOutListener> listeners) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.listeners = listeners;
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
        record(phone, now, true, via);
        listeners.forEach(l -> l.optedOut(phone));
    }

    void optIn(String phone) {
        Instant now = clock.now();
        if (jdbc.sql("update sms_subscription set opted_out = false, updated_at = ? where phone = ? and opted_out = true")
                .params(ts(now), phone).update() > 0) {
            record(phone, now, false, null);
            listeners.forEach(l -> l.optedIn(phone));
        }
    }

    /** An opt-out or opt-in of the number, as the client's log shows it. */
    public record Change(Instant at, boolean optedOut, String via) {
    }

    /** Every opt-out and opt-in of the number, oldest first. */
    public List<Change> changes(String phone) {
        return jdbc.sql("select at, opted_out, via from opt_out_change where phone = ? order by id").param(phone)
                .query((rs, n) -> new Change(instant(rs, "at"), rs.getBoolean("opted_out"), rs.getString("via"))).list();
    }

    private void record(String phone, Instant at, boolean optedOut, String via) {
        jdbc.sql("insert into opt_out_change (phone, at, opted_out, via) values (?, ?, ?, ?)")
                .params(phone, ts(at), optedOut, via == null || via.length() <= 32 ? via : via.substring(0, 32)).update();
    }
}
