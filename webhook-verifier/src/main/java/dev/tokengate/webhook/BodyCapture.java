package dev.tokengate.webhook;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.TokenException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a request body into memory, at most {@code max} bytes: a declared length over the limit
 * is refused before reading, a stream that runs past it is refused as soon as it does. With a
 * declared length the buffer is allocated once and never copied.
 */
final class BodyCapture {

    private static final int INITIAL = 8 * 1024;

    final byte[] buffer;
    final int length;

    private BodyCapture(byte[] buffer, int length) {
        this.buffer = buffer;
        this.length = length;
    }

    /**
     * @param declaredLength the {@code Content-Length}, or -1 when unknown
     * @throws TokenException {@code WEBHOOK_TOO_LARGE} over the limit
     */
    static BodyCapture read(InputStream in, long declaredLength, int max) throws IOException {
        if (declaredLength > max) {
            throw tooLarge(declaredLength, max);
        }
        // one byte more than expected, to see the end of the stream without growing
        int capacity = declaredLength >= 0 ? (int) declaredLength + 1 : Math.min(INITIAL, max + 1);
        byte[] buf = new byte[capacity];
        int len = 0;
        while (true) {
            if (len == buf.length) {
                if (len > max) {
                    throw tooLarge(len, max);
                }
                buf = Arrays.copyOf(buf, (int) Math.min((long) max + 1, Math.max(2L * buf.length, INITIAL)));
            }
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                break;
            }
            len += n;
            if (len > max) {
                throw tooLarge(len, max);
            }
        }
        return new BodyCapture(buf, len);
    }

    private static TokenException tooLarge(long size, int max) {
        return new TokenException(ErrorCode.WEBHOOK_TOO_LARGE, "body has " + (size > max ? "more than " + max : size)
                + " bytes; the limit is " + max);
    }
}
