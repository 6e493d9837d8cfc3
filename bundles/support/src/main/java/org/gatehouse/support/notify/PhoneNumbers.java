package org.gatehouse.support.notify;

import java.util.regex.Pattern;

/** Recipients of the SMS channels. */
public final class PhoneNumbers {
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{6,15}");
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s-]");

    private PhoneNumbers() {
    }

    /**
     * @return the recipient without spaces and dashes when it is then a phone number (an optional + and 6 to 15
     *         digits), else null
     */
    public static String normalize(String recipient) {
        if (recipient == null) {
            return null;
        }
        String s = PHONE_SEPARATORS.matcher(recipient).replaceAll("");
        return PHONE.matcher(s).matches() ? s : null;
    }
}
