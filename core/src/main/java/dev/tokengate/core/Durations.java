package dev.tokengate.core;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses token lifetimes written the way operators write them: {@code 30s}, {@code 15m},
 * {@code 1h}, {@code 7d}, or ISO-8601 such as {@code PT1H} and {@code P1D}.
 */
final class Durations {

    private static final Pattern SHORT = Pattern.compile("([0-9]{1,9})([smhd])");

    private Durations() {
    }

    /**
     * Parses a positive duration.
     *
     * @param value the text, e.g. {@code "15m"}
     * @return the duration, always positive
     * @throws IllegalArgumentException naming the value when it is missing, unparseable, zero or negative
     */
    static Duration parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("expiration must not be empty; use e.g. \"15m\", \"1h\", \"7d\" or \"PT1H\"");
        }
        Duration d;
        Matcher m = SHORT.matcher(value);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("expiration '" + value
                        + "' is not a duration; use e.g. \"30s\", \"15m\", \"1h\", \"7d\" or ISO-8601 \"PT1H\"");
            }
        }
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("expiration '" + value + "' must be positive");
        }
        return d;
    }

    /** Formats a duration the short way when it is whole seconds, minutes, hours or days. */
    static String format(Duration d) {
        long s = d.getSeconds();
        if (s % 86400 == 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
