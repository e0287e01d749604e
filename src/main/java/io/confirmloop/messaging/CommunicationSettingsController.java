package io.confirmloop.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.confirmloop.calendar.PhoneNumbers;
import io.confirmloop.system.ApiException;
import io.confirmloop.system.CurrentAccount;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The account's communication settings and a client's switches, over the API:
 * {@code /api/settings/communication} and {@code /api/clients/{phone}/settings}, each for the
 * caller's account ({@code ownerGroup} to name one of several).
 */
@RestController
class CommunicationSettingsController {

    /** The JSON names of the kinds, in the order the settings show them. */
    private static final Map<MessageKind, String> KEYS = Map.of(MessageKind.REMINDERS, "reminders", MessageKind.ACKNOWLEDGEMENTS,
            "acknowledgements", MessageKind.NEW_TIME_NOTICES, "newTimeNotices", MessageKind.OWNER_NOTIFICATIONS, "ownerNotifications");
    private static final Map<Channel, String> CHANNELS = Map.of(Channel.SMS, "texts", Channel.EMAIL, "emails");

    private final CommunicationSettings settings;
    private final CurrentAccount account;
    private final PhoneNumbers phoneNumbers;
    private final String defaultRegion;

    CommunicationSettingsController(CommunicationSettings settings, CurrentAccount account, PhoneNumbers phoneNumbers,
            @Value("${confirmloop.default-region}") String defaultRegion) {
        this.settings = settings;
        this.account = account;
        this.phoneNumbers = phoneNumbers;
        this.defaultRegion = defaultRegion;
    }

    @GetMapping("/api/settings/communication")
    Map<String, Object> communication(@RequestParam(required = false) String ownerGroup) {
        String group = group(ownerGroup);
        return view(group, settings.switches(group));
    }

    /** {@code {"texts": {"reminders": false}, "emails": {...}}}: the switches given change, the others stay. */
    @PutMapping("/api/settings/communication")
    Map<String, Object> setCommunication(@RequestParam(required = false) String ownerGroup,
            @RequestBody(required = false) Map<String, Object> body) {
        String group = group(ownerGroup);
        if (body == null || body.isEmpty()) {
            throw ApiException.badRequest("MALFORMED_REQUEST", "A JSON body such as {\"texts\": {\"reminders\": false}} is required");
        }
        List<CommunicationSettings.Switch> changes = new ArrayList<>();
        for (Map.Entry<String, Object> channelEntry : body.entrySet()) {
            Channel channel = CHANNELS.entrySet().stream().filter(e -> e.getValue().equals(channelEntry.getKey())).map(Map.Entry::getKey)
                    .findFirst().orElseThrow(() -> ApiException.badRequest("UNKNOWN_SETTING",
                            "'" + channelEntry.getKey() + "' is not a channel; use \"texts\" or \"emails\""));
            if (!(channelEntry.getValue() instanceof Map<?, ?> kinds)) {
                throw ApiException.badRequest("MALFORMED_REQUEST", "\"" + channelEntry.getKey() + "\" takes an object of switches");
            }
            for (Map.Entry<?, ?> kindEntry : kinds.entrySet()) {
                MessageKind kind = KEYS.entrySet().stream().filter(e -> e.getValue().equals(kindEntry.getKey())).map(Map.Entry::getKey)
                        .findFirst().orElseThrow(() -> ApiException.badRequest("UNKNOWN_SETTING", "'" + kindEntry.getKey()
                                + "' is not a kind of message; use reminders, acknowledgements, newTimeNotices or ownerNotifications"));
                if (!(kindEntry.getValue() instanceof Boolean enabled)) {
                    throw ApiException.badRequest("MALFORMED_REQUEST", "\"" + kindEntry.getKey() + "\" takes true or false");
                }
                changes.add(new CommunicationSettings.Switch(kind, channel, enabled));
            }
        }
        return view(group, settings.setSwitches(group, changes, account.userId()));
    }

    @GetMapping("/api/clients/{phone}/settings")
    Map<String, Object> client(@PathVariable String phone, @RequestParam(required = false) String ownerGroup) {
        String group = group(ownerGroup);
        String e164 = e164(phone);
        return clientView(group, e164, settings.client(group, e164));
    }

    /** {@code {"canReceiveTexts": false}}: the switches given change, the other stays. */
    @PutMapping("/api/clients/{phone}/settings")
    Map<String, Object> setClient(@PathVariable String phone, @RequestParam(required = false) String ownerGroup,
            @RequestBody(required = false) Map<String, Object> body) {
        String group = group(ownerGroup);
        String e164 = e164(phone);
        if (body == null || body.isEmpty()) {
            throw ApiException.badRequest("MALFORMED_REQUEST", "A JSON body such as {\"canReceiveTexts\": false} is required");
        }
        CommunicationSettings.ClientSwitches current = settings.client(group, e164);
        boolean texts = current.canReceiveTexts();
        boolean emails = current.canReceiveEmails();
        for (Map.Entry<String, Object> e : body.entrySet()) {
            if (!(e.getValue() instanceof Boolean value)) {
                throw ApiException.badRequest("MALFORMED_REQUEST", "\"" + e.getKey() + "\" takes true or false");
            }
            switch (e.getKey()) {
                case "canReceiveTexts" -> texts = value;
                case "canReceiveEmails" -> emails = value;
                default -> throw ApiException.badRequest("UNKNOWN_SETTING",
                        "'" + e.getKey() + "' is not a client switch; use canReceiveTexts or canReceiveEmails");
            }
        }
        return clientView(group, e164, settings.setClient(group, e164, new CommunicationSettings.ClientSwitches(texts, emails),
                account.userId()));
    }

    private String group(String ownerGroup) {
        String group = ownerGroup == null || ownerGroup.isBlank() ? account.defaultGroup() : ownerGroup;
        if (!account.canSee(group)) {
            throw ApiException.badRequest("INVALID_OWNER_GROUP", "You are not a member of account group '" + group + "'");
        }
        return group;
    }

    private String e164(String phone) {
        return phoneNumbers.requireE164(phone, defaultRegion);
    }

    private static Map<String, Object> view(String group, List<CommunicationSettings.Switch> switches) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("ownerGroup", group);
        for (Channel channel : Channel.values()) {
            Map<String, Object> kinds = new LinkedHashMap<>();
            for (MessageKind kind : MessageKind.values()) {
                switches.stream().filter(s -> s.kind() == kind && s.channel() == channel).findFirst()
                        .ifPresent(s -> kinds.put(KEYS.get(kind), s.enabled()));
            }
            view.put(CHANNELS.get(channel), kinds);
        }
        return view;
    }

    private static Map<String, Object> clientView(String group, String phone, CommunicationSettings.ClientSwitches switches) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("ownerGroup", group);
        view.put("phone", phone);
        view.put("canReceiveTexts", switches.canReceiveTexts());
        view.put("canReceiveEmails", switches.canReceiveEmails());
        return view;
    }
}
