package dev.tokengate.webhook;

import dev.tokengate.core.ErrorCode;
import java.util.Locale;

/**
 * RFC 9457 {@code application/problem+json} bodies for refused deliveries: {@code type},
 * {@code title}, {@code status}, {@code detail} and {@code code}, from the error code alone, so
 * that nothing of the request (and no secret) is ever echoed.
 */
final class Problems {

    static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://tokengate.dev/problems/";
    /** Seconds a client should wait after a 503. */
    static final String RETRY_AFTER = "5";

    private Problems() {
    }

    static String json(ErrorCode code) {
        int status = code.httpStatus();
        return "{\"type\":\"" + TYPE_BASE + code.name().toLowerCase(Locale.ROOT).replace('_', '-')
                + "\",\"title\":\"" + title(status)
                + "\",\"status\":" + status
                + ",\"detail\":\"" + escape(code.description())
                + "\",\"code\":\"" + code.name() + "\"}";
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
