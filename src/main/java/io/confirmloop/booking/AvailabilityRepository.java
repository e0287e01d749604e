package io.confirmloop.booking;

import static io.confirmloop.system.Jdbc.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.confirmloop.system.Ids;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Availability types, each worker's windows and exceptions, and the accounts' event defaults. */
@Repository
public class AvailabilityRepository {

    private final JdbcClient jdbc;
    private final BookingSettings defaults;

    AvailabilityRepository(JdbcClient jdbc, @Value("${confirmloop.booking.default-duration-minutes:30}") int durationMinutes,
            @Value("${confirmloop.booking.days-to-view:14}") int daysToView) {
        this.jdbc = jdbc;
        this.defaults = new BookingSettings(durationMinutes, daysToView, true);
    }

    // ------------------------------------------------------------------ types

    public List<AvailabilityType> types(String ownerGroup) {
        return jdbc.sql("select * from availability_type where owner_group = ? order by created_at, id").param(ownerGroup)
                .query(AvailabilityRepository::type).list();
    }

    public Optional<AvailabilityType> type(String id) {
        return jdbc.sql("select * from availability_type where id = ?").param(id).query(AvailabilityRepository::type).optional();
    }

    /** The account's client-facing type, if it has one. */
    public Optional<AvailabilityType> clientFacingType(String ownerGroup) {
        return jdbc.sql("select * from availability_type where owner_group = ? and client_facing = true order by created_at, id")
                .param(ownerGroup).query(AvailabilityRepository::type).list().stream().findFirst();
    }

    public AvailabilityType insertType(String ownerGroup, String name, AvailabilityType.Color color, boolean clientFacing,
            Instant now) {
        AvailabilityType type = new AvailabilityType(Ids.newId(), ownerGroup, name, color, clientFacing);
        jdbc.sql("insert into availability_type (id, owner_group, name, color, client_facing, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(type.id(), ownerGroup, name, color.label(), clientFacing, ts(now)).update();
        return type;
    }

    public void updateType(AvailabilityType type) {
        jdbc.sql("update availability_type set name = ?, color = ?, client_facing = ? where id = ?")
                .params(type.name(), type.color().label(), type.clientFacing(), type.id()).update();
    }

    /** Only one type of an account is client-facing: the others are not any more. */
    public void makeOnlyClientFacing(String ownerGroup, String typeId) {
        jdbc.sql("update availability_type set client_facing = (id = ?) where owner_group = ?").params(typeId, ownerGroup).update();
    }

    /** How many windows and exceptions (of any calendar) are of this type. */
    public int usesOfType(String typeId) {
        return jdbc.sql("""
                select (select count(*) from availability_window where type_id = :id)
                     + (select count(*) from availability_exception where type_id = :id)""")
                .param("id", typeId).query(Integer.class).single();
    }

    public void deleteType(String id) {
        jdbc.sql("delete from availability_type where id = ?").param(id).update();
    }

    // ------------------------------------------------------------------ windows

    public Availability availability(String calendarId) {
        List<Availability.Window> weekly = jdbc.sql("""
                select type_id, day_of_week, from_time, to_time from availability_window where calendar_id = ?
                order by day_of_week, from_time""").param(calendarId)
                .query((rs, n) -> new Availability.Window(rs.getString("type_id"), DayOfWeek.valueOf(rs.getString("day_of_week")),
                        time(rs, "from_time"), time(rs, "to_time"))).list();
        List<Availability.Exception> exceptions = jdbc.sql("""
                select type_id, on_date, from_time, to_time, available from availability_exception where calendar_id = ?
                order by on_date, from_time""").param(calendarId)
                .query((rs, n) -> new Availability.Exception(rs.getString("type_id"), rs.getDate("on_date").toLocalDate(),
                        time(rs, "from_time"), time(rs, "to_time"), rs.getBoolean("available"))).list();
        return new Availability(weekly.stream().sorted(Comparator.comparing(Availability.Window::day)
                .thenComparing(Availability.Window::from)).toList(), exceptions);
    }

    /** Replaces the worker's windows and exceptions (the caller's transaction). */
    public void replaceAvailability(String calendarId, Availability availability) {
        jdbc.sql("delete from availability_window where calendar_id = ?").param(calendarId).update();
        jdbc.sql("delete from availability_exception where calendar_id = ?").param(calendarId).update();
        for (Availability.Window w : availability.weekly()) {
            jdbc.sql("insert into availability_window (id, calendar_id, type_id, day_of_week, from_time, to_time) values (?, ?, ?, ?, ?, ?)")
                    .params(Ids.newId(), calendarId, w.typeId(), w.day().name(), Time.valueOf(w.from()), Time.valueOf(w.to())).update();
        }
        for (Availability.Exception e : availability.exceptions()) {
            jdbc.sql("""
                    insert into availability_exception (id, calendar_id, type_id, on_date, from_time, to_time, available)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(Ids.newId(), calendarId, e.typeId(), java.sql.Date.valueOf(e.date()),
                            e.from() == null ? null : Time.valueOf(e.from()), e.to() == null ? null : Time.valueOf(e.to()), e.available())
                    .update();
        }
    }

    // ------------------------------------------------------------------ event defaults

    public BookingSettings settings(String ownerGroup) {
        return jdbc.sql("select * from booking_settings where owner_group = ?").param(ownerGroup)
                .query((rs, n) -> new BookingSettings(rs.getInt("default_duration_minutes"), rs.getInt("days_to_view"),
                        rs.getBoolean("event_requests_enabled"))).optional().orElse(defaults);
    }

    public void saveSettings(String ownerGroup, BookingSettings settings) {
        int updated = jdbc.sql("""
                update booking_settings set default_duration_minutes = ?, days_to_view = ?, event_requests_enabled = ?
                where owner_group = ?""")
                .params(settings.defaultDurationMinutes(), settings.daysToView(), settings.eventRequestsEnabled(), ownerGroup).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into booking_settings (owner_group, default_duration_minutes, days_to_view, event_requests_enabled)
                    values (?, ?, ?, ?)""")
                    .params(ownerGroup, settings.defaultDurationMinutes(), settings.daysToView(), settings.eventRequestsEnabled()).update();
        }
    }

    private static AvailabilityType type(ResultSet rs, int n) throws SQLException {
        return new AvailabilityType(rs.getString("id"), rs.getString("owner_group"), rs.getString("name"),
                AvailabilityType.Color.of(rs.getString("color")).orElseThrow(), rs.getBoolean("client_facing"));
    }

    private static LocalTime time(ResultSet rs, String column) throws SQLException {
        Time t = rs.getTime(column);
        return t == null ? null : t.toLocalTime();
    }
}
