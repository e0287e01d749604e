package io.confirmloop.messaging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.confirmloop.calendar.CalendarService;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The owner's message templates per calendar. */
@RestController
class TemplateController {

    record TemplateInput(String body) {
    }

    private final CalendarService calendars;
    private final MessageTemplates templates;

    TemplateController(CalendarService calendars, MessageTemplates templates) {
        this.calendars = calendars;
        this.templates = templates;
    }

    @GetMapping("/api/calendars/{id}/templates")
    List<Map<String, Object>> list(@PathVariable String id) {
        calendars.visible(id);
        return MessageTemplates.NAMES.stream().map(name -> view(id, name)).toList();
    }

    @PutMapping("/api/calendars/{id}/templates/{name}")
    Map<String, Object> save(@PathVariable String id, @PathVariable String name, @RequestBody TemplateInput in) {
        calendars.visible(id);
        templates.save(id, name, in == null ? null : in.body());
        return view(id, name);
    }

    @DeleteMapping("/api/calendars/{id}/templates/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void reset(@PathVariable String id, @PathVariable String name) {
        calendars.visible(id);
        templates.reset(id, name);
    }

    private Map<String, Object> view(String calendarId, String name) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", name);
        view.put("body", templates.template(calendarId, name));
        view.put("custom", templates.custom(calendarId, name).isPresent());
        return view;
    }
}
