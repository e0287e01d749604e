package io.confirmloop.messaging;

import static io.confirmloop.system.Jdbc.instant;
import static io.confirmloop.system.Jdbc.ts;

import java.time.Instant;
import java.util.List;

import io.confirmloop.system.AppClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dev SMS gateway (the embedded default, {@code confirmloop.sms.provider=dev}): texts are kept
 * in the database and shown on the phone simulator at {@code /dev/phone}, where a person types the
 * client's answer. It is no phone network and does not pretend to be Twilio.
 */
@Component("devSmsGateway")
public class DevSmsGateway {

    public record Item(long id, Instant at, String from, String to, String body) {
    }

    private final JdbcClient jdbc;
    private final AppClock clock;
    private final TransactionTemplate ownTransaction;

    DevSmsGateway(JdbcClient jdbc, AppClock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        // Like a real provider, what the gateway accepted stays accepted, whatever the caller's transaction does next.
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Called by the {@code sms-dev} route. */
    public GatewayRequests.Receipt send(GatewayRequests.Sms sms) {
        ownTransaction.executeWithoutResult(s -> jdbc.sql("insert into dev_sms (at, direction, from_address, to_address, body) values (?, 'OUT', ?, ?, ?)")
                .params(ts(clock.now()), sms.from(), sms.to(), sms.body()).update());
        return new GatewayRequests.Receipt("dev-" + sms.messageId(), Message.Status.DELIVERED);
    }

    void received(String from, String to, String body) {
        jdbc.sql("insert into dev_sms (at, direction, from_address, to_address, body) values (?, 'IN', ?, ?, ?)")
                .params(ts(clock.now()), from, to, body).update();
    }

    public List<Item> outbox() {
        return list("OUT");
    }

    List<Item> inbox() {
        return list("IN");
    }

    private List<Item> list(String direction) {
        return jdbc.sql("select * from dev_sms where direction = ? order by id").param(direction)
                .query((rs, n) -> new Item(rs.getLong("id"), instant(rs, "at"), rs.getString("from_address"), rs.getString("to_address"),
                        rs.getString("body")))
                .list();
    }
}
