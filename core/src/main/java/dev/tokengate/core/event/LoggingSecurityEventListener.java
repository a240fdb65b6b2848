package dev.tokengate.core.event;

import dev.tokengate.core.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The audit log: one {@code key=value} line per event on {@code tokengate.audit}. */
final class LoggingSecurityEventListener implements SecurityEventListener {

    static final LoggingSecurityEventListener INSTANCE = new LoggingSecurityEventListener();

    private static final Logger AUDIT = LoggerFactory.getLogger("tokengate.audit");
    private static final String FORMAT = "event={} code={} type={} token={} subject={} at={}";

    private LoggingSecurityEventListener() {
    }

    @Override
    public void onEvent(SecurityEvent e) {
        switch (e.kind()) {
            case ACCEPTED -> {
                if (AUDIT.isDebugEnabled()) {
                    AUDIT.debug(FORMAT, args(e));
                }
            }
            case REUSE_DETECTED -> AUDIT.warn(FORMAT, args(e));
            case REJECTED -> {
                if (e.code() == ErrorCode.STORE_UNAVAILABLE || e.code() == ErrorCode.KEYS_UNAVAILABLE) {
                    AUDIT.warn(FORMAT, args(e));
                } else if (AUDIT.isInfoEnabled()) {
                    AUDIT.info(FORMAT, args(e));
                }
            }
            default -> {
                if (AUDIT.isInfoEnabled()) {
                    AUDIT.info(FORMAT, args(e));
                }
            }
        }
    }

    private static Object[] args(SecurityEvent e) {
        return new Object[] {e.kind(), e.code() == null ? "-" : e.code(), e.type() == null ? "-" : e.type(),
                safe(e.reference()), safe(e.subject()), e.at()};
    }

    /** Bounded, without control characters or spaces, so a line stays one line of key=value pairs. */
    static String safe(String s) {
        if (s == null) {
            return "-";
        }
        int n = Math.min(s.length(), 128);
        StringBuilder sb = new StringBuilder(n + 3);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            sb.append(c <= 0x20 || c == 0x7f || c == '=' ? '_' : c);
        }
        if (s.length() > n) {
            sb.append("...");
        }
        return sb.toString();
    }
}
