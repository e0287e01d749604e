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
 * The dev mail outbox (the embedded default, {@code confirmloop.mail.provider=dev}): mails are kept
 * and shown at {@code /dev/mail} instead of being sent. It is no SMTP server.
 */
@Component("devMailOutbox")
public class DevMailOutbox {

    public record Item(long id, Instant at, String from, String to, String subject, String text) {
    }

    private final JdbcClient jdbc;
    private final AppClock clock;
    private final TransactionTemplate ownTransaction;

    DevMailOutbox(JdbcClient jdbc, AppClock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        // Like a real provider, what the gateway accepted stays accepted, whatever the caller's transaction does next.
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Called by the {@code email-dev} route. */
    public GatewayRequests.Receipt send(GatewayRequests.Email mail) {
        ownTransaction.executeWithoutResult(s -> jdbc.sql("insert into dev_mail (at, from_address, to_address, subject, text) values (?, ?, ?, ?, ?)")
                .params(ts(clock.now()), mail.from(), mail.to(), mail.subject(), mail.text()).update());
        return new GatewayRequests.Receipt("dev-mail-" + mail.messageId(), Message.Status.SENT);
    }

    public List<Item> outbox() {
        return jdbc.sql("select * from dev_mail order by id")
                .query((rs, n) -> new Item(rs.getLong("id"), instant(rs, "at"), rs.getString("from_address"), rs.getString("to_address"),
                        rs.getString("subject"), rs.getString("text")))
                .list();
    }
}
