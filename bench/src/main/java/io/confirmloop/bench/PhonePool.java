package io.confirmloop.bench;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Distinct, valid, textable US numbers for the whole run (every appointment gets its own), checked
 * with libphonenumber the way the app reads them; numbers it would not text are skipped.
 */
final class PhonePool {

    /** A number as E.164 (what Twilio sees) and as written into an event title. */
    record Phone(String e164, String written) {
    }

    private static final int[] AREA_CODES = {201, 212, 305, 312, 415, 617, 713, 718, 206, 303};
    private static final int FIRST_EXCHANGE = 200;
    private static final int LINES_PER_EXCHANGE = 10_000;

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private long next;

    synchronized Phone next() {
        while (true) {
            String national = candidate(next++);
            try {
                PhoneNumber number = util.parse(national, "US");
                PhoneNumberType type = util.getNumberType(number);
                if (util.isValidNumber(number) && (type == PhoneNumberType.MOBILE || type == PhoneNumberType.FIXED_LINE_OR_MOBILE)) {
                    return new Phone(util.format(number, PhoneNumberFormat.E164), util.format(number, PhoneNumberFormat.INTERNATIONAL));
                }
            } catch (NumberParseException e) {
                // not a number libphonenumber accepts: take the next one
            }
        }
    }

    /** A number of this pool (E.164) as it is written into an event title. */
    static String written(String e164) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            return util.format(util.parse(e164, "US"), PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("Not a phone number: " + e164, e);
        }
    }

    /** The n-th candidate: area code, then exchange 200-999, then line 0000-9999. */
    private static String candidate(long n) {
        long perArea = (long) (1000 - FIRST_EXCHANGE) * LINES_PER_EXCHANGE;
        int area = AREA_CODES[(int) (n / perArea % AREA_CODES.length)];
        long rest = n % perArea;
        long exchange = FIRST_EXCHANGE + rest / LINES_PER_EXCHANGE;
        long line = rest % LINES_PER_EXCHANGE;
        return String.format("%d%03d%04d", area, exchange, line);
    }
}
