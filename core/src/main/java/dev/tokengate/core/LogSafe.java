package dev.tokengate.core;

/** Makes attacker-controlled text safe for a log line: bounded, no control characters. */
final class LogSafe {

    private static final int MAX = 64;

    private LogSafe() {
    }

    static String text(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX) + 3);
        for (int i = 0; i < s.length() && i < MAX; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        if (s.length() > MAX) {
            sb.append("...");
        }
        return sb.toString();
    }
}
