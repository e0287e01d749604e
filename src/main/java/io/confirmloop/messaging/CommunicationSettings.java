package io.confirmloop.messaging;

import static io.confirmloop.system.Jdbc.instant;
import static io.confirmloop.system.Jdbc.ts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.confirmloop.system.AppClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The switches that stop messages: an account's communication settings (each kind of message,
 * by text and by email) and each client's "can receive texts" and "can receive emails". Every
 * message is checked against them just before it is sent; a message a switch stopped is logged
 * where it would have gone, never dropped silently. Every change is kept for the client's log.
 */
@Service
public class CommunicationSettings {

    /** One account switch: a kind of message on a channel. */
    public record Switch(MessageKind kind, Channel channel, boolean enabled) {
    }

    /** A client's own switches. */
    public record ClientSwitches(boolean canReceiveTexts, boolean canReceiveEmails) {
        public static final ClientSwitches DEFAULT = new ClientSwitches(true, true);
    }

    /** A change of a switch, as the client's log shows it. */
    public record Change(Instant at, String changedBy, String text) {
    }

    private final JdbcClient jdbc;
    private final AppClock clock;

    CommunicationSettings(JdbcClient jdbc, AppClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Why a message of this kind to this client must not go out, or empty if it may.
     *
     * @param phone the client's number (null for an owner notification)
     */
    public Optional<String> stopped(String ownerGroup, String phone, MessageKind kind, Channel channel) {
        String what = channel == Channel.SMS ? "texts" : "emails";
        boolean forClient = phone != null && kind != MessageKind.OWNER_NOTIFICATIONS;
        // both switches in one round trip: this is asked before every message that goes out
        String clientColumn = channel == Channel.SMS ? "can_receive_texts" : "can_receive_emails";
        Boolean[] on = jdbc.sql("""
                select (select enabled from communication_switch where owner_group = :group and kind = :kind and channel = :channel) as account,
                       (select %s from client_switch where owner_group = :group and phone = :phone) as client
                """.formatted(clientColumn))
                .param("group", ownerGroup).param("kind", kind.name()).param("channel", channel.name()).param("phone", forClient ? phone : "")
                .query((rs, row) -> new Boolean[] {(Boolean) rs.getObject("account"), (Boolean) rs.getObject("client")}).single();
        if (Boolean.FALSE.equals(on[0])) {
            return Optional.of(what + " (" + kind.label() + ") switched off in account settings");
        }
        if (forClient && Boolean.FALSE.equals(on[1])) {
            return Optional.of(what + " switched off for this client");
        }
        return Optional.empty();
    }

    public boolean enabled(String ownerGroup, MessageKind kind, Channel channel) {
        return jdbc.sql("select enabled from communication_switch where owner_group = ? and kind = ? and channel = ?")
                .params(ownerGroup, kind.name(), channel.name()).query(Boolean.class).optional().orElse(true);
    }

    /** Every switch of the account, in a fixed order. */
    public List<Switch> switches(String ownerGroup) {
        Map<MessageKind, Map<Channel, Boolean>> stored = new EnumMap<>(MessageKind.class);
        jdbc.sql("select kind, channel, enabled from communication_switch where owner_group = ?").param(ownerGroup)
                .query((rs, row) -> stored.computeIfAbsent(MessageKind.valueOf(rs.getString("kind")), k -> new EnumMap<>(Channel.class))
                        .put(Channel.valueOf(rs.getString("channel")), rs.getBoolean("enabled")))
                .list();
        List<Switch> all = new ArrayList<>();
        for (MessageKind kind : MessageKind.values()) {
            for (Channel channel : Channel.values()) {
                all.add(new Switch(kind, channel, stored.getOrDefault(kind, Map.of()).getOrDefault(channel, true)));
            }
        }
        return all;
    }

    /** Sets the account's switches that are given; a switch not given keeps its state. */
    @Transactional
    public List<Switch> setSwitches(String ownerGroup, List<Switch> changes, String changedBy) {
        Instant now = clock.now();
        for (Switch s : changes) {
            if (enabled(ownerGroup, s.kind(), s.channel()) == s.enabled()) {
                continue;
            }
            int updated = jdbc.sql("""
                    update communication_switch set enabled = ?, changed_by = ?, changed_at = ?
                    where owner_group = ? and kind = ? and channel = ?""")
                    .params(s.enabled(), changedBy, ts(now), ownerGroup, s.kind().name(), s.channel().name()).update();
            if (updated == 0) {
                jdbc.sql("insert into communication_switch (owner_group, kind, channel, enabled, changed_by, changed_at) values (?, ?, ?, ?, ?, ?)")
                        .params(ownerGroup, s.kind().name(), s.channel().name(), s.enabled(), changedBy, ts(now)).update();
            }
            record(ownerGroup, null, now, changedBy, "Account settings: " + (s.channel() == Channel.SMS ? "texts" : "emails") + " ("
                    + s.kind().label() + ") switched " + (s.enabled() ? "on" : "off"));
        }
        return switches(ownerGroup);
    }

    public ClientSwitches client(String ownerGroup, String phone) {
        return jdbc.sql("select can_receive_texts, can_receive_emails from client_switch where owner_group = ? and phone = ?")
                .params(ownerGroup, phone)
                .query((rs, row) -> new ClientSwitches(rs.getBoolean("can_receive_texts"), rs.getBoolean("can_receive_emails")))
                .optional().orElse(ClientSwitches.DEFAULT);
    }

    /** Sets the client's switches; a change is kept for the client's log. */
    @Transactional
    public ClientSwitches setClient(String ownerGroup, String phone, ClientSwitches switches, String changedBy) {
        ClientSwitches before = client(ownerGroup, phone);
        if (before.equals(switches)) {
            return before;
        }
        Instant now = clock.now();
        int updated = jdbc.sql("""
                update client_switch set can_receive_texts = ?, can_receive_emails = ?, changed_by = ?, changed_at = ?
                where owner_group = ? and phone = ?""")
                .params(switches.canReceiveTexts(), switches.canReceiveEmails(), changedBy, ts(now), ownerGroup, phone).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into client_switch (owner_group, phone, can_receive_texts, can_receive_emails, changed_by, changed_at)
                    values (?, ?, ?, ?, ?, ?)""")
                    .params(ownerGroup, phone, switches.canReceiveTexts(), switches.canReceiveEmails(), changedBy, ts(now)).update();
        }
        if (before.canReceiveTexts() != switches.canReceiveTexts()) {
            record(ownerGroup, phone, now, changedBy, "Can receive texts switched " + (switches.canReceiveTexts() ? "on" : "off"));
        }
        if (before.canReceiveEmails() != switches.canReceiveEmails()) {
            record(ownerGroup, phone, now, changedBy, "Can receive emails switched " + (switches.canReceiveEmails() ? "on" : "off"));
        }
        return switches;
    }

    /** The changes of this client's switches and of the account's, newest last. */
    public List<Change> changes(String ownerGroup, String phone) {
        return jdbc.sql("select at, changed_by, text from switch_change where owner_group = ? and (phone = ? or phone is null) order by id")
                .params(ownerGroup, phone)
                .query((rs, row) -> new Change(instant(rs, "at"), rs.getString("changed_by"), rs.getString("text"))).list();
    }

    private void record(String ownerGroup, String phone, Instant at, String changedBy, String text) {
        jdbc.sql("insert into switch_change (owner_group, phone, at, changed_by, text) values (?, ?, ?, ?, ?)")
                .params(ownerGroup, phone, ts(at), changedBy, text).update();
    }
}
