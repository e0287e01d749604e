package io.confirmloop.calendar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.springframework.stereotype.Component;

/**
 * Finds clients' phone numbers (and email addresses) in event text with libphonenumber, and
 * normalises numbers to E.164. National formats are read in the calendar's region.
 */
@Component
public class PhoneNumbers {

    /** A number found in an event: E.164, and whether it can take texts (mobile, or mobile-or-fixed). */
    public record Found(String e164, boolean canReceiveSms) {
    }

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Set<PhoneNumberType> TEXTABLE = Set.of(
            PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE, PhoneNumberType.PERSONAL_NUMBER,
            PhoneNumberType.VOIP, PhoneNumberType.UNKNOWN);

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

    /** Distinct numbers in order of appearance. */
    public List<Found> find(String text, String region) {
        Map<String, Found> found = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return List.of();
        }
        for (PhoneNumberMatch match : util.findNumbers(StatusLines.withoutStatusLines(text), region, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
            PhoneNumber number = match.number();
            String e164 = util.format(number, PhoneNumberFormat.E164);
            found.putIfAbsent(e164, new Found(e164, TEXTABLE.contains(util.getNumberType(number))));
        }
        return new ArrayList<>(found.values());
    }

    /** Something written like a phone number: a digit, then digits and separators, then a digit (7 digits or more). */
    private static final Pattern NUMBER_LIKE = Pattern.compile("\\+?\\(?\\d[\\d ().-]{5,}\\d");

    /**
     * Why an event's text gives no appointment, and how to fix it, or empty when it names a
     * client's number: no number at all, or something that looks like one but is not complete
     * (e.g. "555-0199" without its area code).
     */
    public Optional<String[]> whyNoNumber(String text, String region) {
        if (!find(text, region).isEmpty()) {
            return Optional.empty();
        }
        Matcher m = NUMBER_LIKE.matcher(text == null ? "" : StatusLines.withoutStatusLines(text));
        while (m.find()) {
            String digits = m.group().replaceAll("\\D", "");
            if (digits.length() >= 7) {
                return Optional.of(new String[] {"\u201c" + m.group().trim() + "\u201d is not a complete phone number",
                        "write it with its area code (and + and the country code for a number abroad), e.g. "
                                + example(region)});
            }
        }
        return Optional.of(new String[] {"no phone number in the title, location or description",
                "add the client's mobile number, e.g. " + example(region)});
    }

    private String example(String region) {
        PhoneNumber example = util.getExampleNumberForType(region, PhoneNumberType.MOBILE);
        return example == null ? "+1 201-555-0123" : util.format(example, PhoneNumberFormat.INTERNATIONAL);
    }

    /** Email addresses in the text, lower-cased, in order of appearance. */
    public List<String> emails(String text) {
        Set<String> emails = new LinkedHashSet<>();
        if (text != null) {
            Matcher m = EMAIL.matcher(StatusLines.withoutStatusLines(text));
            while (m.find()) {
                emails.add(m.group().toLowerCase(Locale.ROOT));
            }
        }
        return new ArrayList<>(emails);
    }

    /** E.164 form of a number typed by a person or sent by a provider; empty if it is no valid number. */
    /** The number in E.164, or a 400 {@code INVALID_PHONE} that names it (for a number given to the API). */
    public String requireE164(String phone, String region) {
        return normalise(phone, region).orElseThrow(() -> io.confirmloop.system.ApiException.badRequest("INVALID_PHONE",
                "'" + phone + "' is not a valid phone number; use E.164 such as +12015550123"));
    }

    public Optional<String> normalise(String input, String region) {
        if (input == null || input.isBlank()) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = util.parse(input.trim(), region);
            return util.isValidNumber(number) ? Optional.of(util.format(number, PhoneNumberFormat.E164)) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    public boolean isSupportedRegion(String region) {
        return region != null && util.getSupportedRegions().contains(region);
    }

    /** Human format for messages and task forms, e.g. +1 201-555-0123. */
    public String display(String e164) {
        try {
            return util.format(util.parse(e164, null), PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return e164;
        }
    }
}
