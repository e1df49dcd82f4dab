package io.tracktion.alerts.delivery;

import java.util.regex.Pattern;

/** Text from outside (names of artists, releases, tags) made safe for where it goes (pure). */
public final class Texts {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]+");

    private Texts() {
    }

    /** One line, at most {@code max} characters: a name can never start a new header or line of a message. */
    public static String oneLine(String text, int max) {
        String line = CONTROL.matcher(text == null ? "" : text).replaceAll(" ").replaceAll("\\s+", " ").strip();
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }

    /** For HTML text and attribute values. */
    public static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
