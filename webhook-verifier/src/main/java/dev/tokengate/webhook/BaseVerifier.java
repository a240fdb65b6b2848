package dev.tokengate.webhook;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.TokenException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What every verifier shares: header parsing, the two-sided time window, the replay claim, and
 * the guarantee that nothing but a {@link TokenException} escapes.
 */
abstract class BaseVerifier implements WebhookVerifier {

    /** No header value longer than this is parsed. */
    static final int MAX_HEADER_CHARS = 8192;
    /** A message id is 1 to 256 visible ASCII characters. */
    static final int MAX_ID_CHARS = 256;
    /** More digits than this cannot be a time in this era (and would overflow a long). */
    private static final int MAX_TIMESTAMP_DIGITS = 18;

    final WebhookScheme scheme;
    final Clock clock;
    final long pastSeconds;
    final long futureSeconds;
    final ReplayGuard replayGuard;
    final Duration replayTtl;
    final int maxBodySize;

    BaseVerifier(WebhookVerifier.Builder b, ReplayGuard guard) {
        this.scheme = b.scheme;
        this.clock = b.clock;
        this.pastSeconds = b.pastTolerance.getSeconds();
        this.futureSeconds = b.futureTolerance.getSeconds();
        this.replayGuard = guard;
        // a delivery stays acceptable from (ts - future) until (ts + past): remember it that long
        this.replayTtl = b.pastTolerance.plus(b.futureTolerance).plusSeconds(1);
        this.maxBodySize = b.maxBodySize;
    }

    @Override
    public final WebhookDelivery verify(WebhookHeaders headers, byte[] body, int offset, int length) {
        try {
            if (headers == null || body == null) {
                throw Codec.malformed("no headers or no body");
            }
            if (offset < 0 || length < 0 || offset > body.length - length) {
                throw Codec.malformed("body range [" + offset + ", +" + length + ") is outside the buffer");
            }
            if (length > maxBodySize) {
                throw new TokenException(ErrorCode.WEBHOOK_TOO_LARGE,
                        "body has " + length + " bytes; the limit is " + maxBodySize);
            }
            return check(headers, body, offset, length);
        } catch (TokenException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // defense in depth: whatever the input, nothing but a TokenException escapes
            throw new TokenException(ErrorCode.WEBHOOK_MALFORMED,
                    "delivery could not be parsed (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    abstract WebhookDelivery check(WebhookHeaders headers, byte[] body, int offset, int length);

    @Override
    public final WebhookScheme scheme() {
        return scheme;
    }

    @Override
    public final int maxBodySize() {
        return maxBodySize;
    }

    /** Every value of a header, or an empty list. */
    static List<String> all(WebhookHeaders headers, String name) {
        List<String> v = headers.values(name);
        return v == null ? List.of() : v;
    }

    static boolean present(WebhookHeaders headers, String name) {
        return !all(headers, name).isEmpty();
    }

    /** The one value of a header that must appear exactly once, not blank and bounded. */
    static String single(WebhookHeaders headers, String name) {
        List<String> v = all(headers, name);
        if (v.isEmpty()) {
            throw Codec.malformed("header " + name + " is missing");
        }
        if (v.size() > 1) {
            throw Codec.malformed("header " + name + " appears " + v.size() + " times; it must appear once");
        }
        return bounded(name, v.get(0));
    }

    static String bounded(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw Codec.malformed("header " + name + " is empty");
        }
        if (value.length() > MAX_HEADER_CHARS) {
            throw Codec.malformed("header " + name + " has " + value.length() + " characters; at most "
                    + MAX_HEADER_CHARS + " are read");
        }
        return value;
    }

    /** A message id: 1 to 256 visible ASCII characters. */
    static String messageId(WebhookHeaders headers, String name) {
        String id = single(headers, name);
        if (id.length() > MAX_ID_CHARS) {
            throw Codec.malformed("header " + name + " has " + id.length() + " characters; at most " + MAX_ID_CHARS);
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw Codec.malformed("header " + name + " holds a character outside visible ASCII at index " + i);
            }
        }
        return id;
    }

    /**
     * Parses a timestamp strictly ({@code ^[0-9]+$}: no sign, no space, no fraction) and checks
     * it against the window. A malformed timestamp is {@code WEBHOOK_MALFORMED}; one outside the
     * window is {@code WEBHOOK_TIMESTAMP_INVALID}.
     *
     * @return the timestamp in epoch seconds
     */
    final long timestamp(String text, String what) {
        if (text.isEmpty()) {
            throw Codec.malformed(what + " is empty");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw Codec.malformed(what + " must match ^[0-9]+$; found a non-digit at index " + i);
            }
        }
        long now = clock.instant().getEpochSecond();
        if (text.length() > MAX_TIMESTAMP_DIGITS) {
            throw new TokenException(ErrorCode.WEBHOOK_TIMESTAMP_INVALID,
                    what + " has " + text.length() + " digits: far in the future");
        }
        long ts = Long.parseLong(text);
        if (ts < now - pastSeconds) {
            throw new TokenException(ErrorCode.WEBHOOK_TIMESTAMP_INVALID, what + " is " + (now - ts)
                    + " s old; at most " + pastSeconds + " s are tolerated");
        }
        if (ts > now + futureSeconds) {
            throw new TokenException(ErrorCode.WEBHOOK_TIMESTAMP_INVALID, what + " is " + (ts - now)
                    + " s in the future; at most " + futureSeconds + " s are tolerated");
        }
        return ts;
    }

    /** Claims the delivery with the replay guard; a guard failure fails closed. */
    final void claim(String key) {
        boolean first;
        try {
            first = replayGuard.firstSeen(key, replayTtl);
        } catch (TokenException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TokenException(ErrorCode.STORE_UNAVAILABLE,
                    "replay guard failed (" + e.getClass().getSimpleName() + "); delivery refused", e);
        }
        if (!first) {
            throw new TokenException(ErrorCode.WEBHOOK_REPLAYED, "delivery " + key + " was already accepted");
        }
    }

    static Instant instant(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + scheme + ", tolerance -" + pastSeconds + "s/+" + futureSeconds
                + "s, " + replayGuard + "]";
    }
}
