package io.commgov.notify;

import java.util.regex.Pattern;

/**
 * Values in mails and IM messages are data: both go out as plain text (a {@code text/plain} mail, the robots'
 * {@code text} message type, never Markdown or HTML), a subject is one line (a line break in a header would start
 * another header), and control and direction-override characters are dropped so a value cannot pose as the message.
 */
final class PlainText {

    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Cc}\\p{Z}]+");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]|[\\u0085\\u2028\\u2029]|[\\p{Cf}&&[^\\u200D]]");

    private PlainText() {
    }

    /** One line: every run of white space, separators and control characters is one space; invisible format characters go. */
    static String oneLine(String text) {
        return text == null ? null : CONTROL.matcher(SPACES.matcher(text).replaceAll(" ")).replaceAll("").strip();
    }

    /** Lines kept ({@code \r\n} and {@code \r} become {@code \n}), other control and format characters dropped. */
    static String text(String text) {
        return text == null ? null : CONTROL.matcher(text.replace("\r\n", "\n").replace('\r', '\n')).replaceAll("");
    }
}
