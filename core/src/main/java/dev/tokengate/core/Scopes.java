package dev.tokengate.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Scope strings: parsing the space-delimited {@code scope} claim (RFC 8693 §4.2) and checking names. */
final class Scopes {

    private Scopes() {
    }

    /** A scope is a non-empty run of printable ASCII without space, quote or backslash (RFC 6749 §3.3). */
    static boolean isValid(String scope) {
        if (scope == null || scope.isEmpty()) {
            return false;
        }
        for (int i = 0; i < scope.length(); i++) {
            char c = scope.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    static String requireValid(String scope) {
        if (!isValid(scope)) {
            throw new IllegalArgumentException("scope '" + scope
                    + "' is not valid: use printable ASCII without spaces, quotes or backslashes");
        }
        return scope;
    }

    /** Splits a {@code scope} claim on single spaces; {@code null} when it is not well formed. */
    static List<String> parse(String claim) {
        List<String> out = new ArrayList<>();
        if (claim.isEmpty()) {
            return out;
        }
        int start = 0;
        while (true) {
            int sp = claim.indexOf(' ', start);
            String s = sp < 0 ? claim.substring(start) : claim.substring(start, sp);
            if (!isValid(s)) {
                return null;
            }
            out.add(s);
            if (sp < 0) {
                return out;
            }
            start = sp + 1;
        }
    }

    static String join(Collection<String> scopes) {
        return String.join(" ", scopes);
    }
}
