package dev.tokengate.core;

import java.time.Duration;

/** Argument checks shared by the builders: each names the setting and the value it refuses. */
final class Validation {

    private Validation() {
    }

    static String requireText(String setting, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(setting + " must not be blank, was '" + value + "'");
        }
        return value;
    }

    static Duration requirePositive(String setting, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(setting + " must be positive, was " + value);
        }
        return value;
    }
}
