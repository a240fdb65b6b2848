package dev.tokengate.core;

/**
 * Makes attacker-controlled text (a {@code kid}, a request path, a header) safe for one log
 * line: bounded in length, control characters replaced, so that input can never forge a line.
 * Used by every tokengate module that logs request data.
 */
public final class LogSafe {

    private static final int MAX = 64;

    private LogSafe() {
    }

    /**
     * The text, at most 64 characters (then {@code ...}), control characters as {@code ?}.
     *
     * @param s the text, may be {@code null}
     * @return the safe text; {@code "null"} for {@code null}
     */
    public static String text(String s) {
        return text(s, MAX);
    }

    /**
     * The text, at most {@code max} characters (then {@code ...}), control characters as {@code ?}.
     *
     * @param s the text, may be {@code null}
     * @param max the longest text kept
     * @return the safe text; {@code "null"} for {@code null}
     */
    public static String text(String s, int max) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(Math.min(s.length(), max) + 3);
        for (int i = 0; i < s.length() && i < max; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        if (s.length() > max) {
            sb.append("...");
        }
        return sb.toString();
    }
}
