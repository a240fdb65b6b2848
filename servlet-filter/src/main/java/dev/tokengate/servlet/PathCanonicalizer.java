package dev.tokengate.servlet;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.TokenException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a raw request URI into the decoded path segments that rules are matched against, or
 * refuses it with {@link ErrorCode#INVALID_REQUEST} when it is not in canonical form.
 *
 * <p>Refused (400): anything but printable ASCII, a backslash, an empty segment ({@code //}),
 * a dot segment ({@code .} or {@code ..}, also {@code ..;}), a percent-encoded slash, backslash,
 * dot, semicolon, percent or control character, malformed percent-encoding or UTF-8. Tolerated:
 * path parameters ({@code ;jsessionid=...}), which are removed from each segment as containers do,
 * and one trailing slash, which is dropped. Stateless and thread-safe.
 */
final class PathCanonicalizer {

    private PathCanonicalizer() {
    }

    /**
     * Canonicalizes the path of a request inside its web application.
     *
     * @param rawUri the undecoded request URI (context path included, no query)
     * @param contextPath the web application's context path, {@code ""} for the root
     * @param ignoreCase compare the context path case-insensitively
     * @return the decoded segments after the context path; empty for the root
     * @throws TokenException {@link ErrorCode#INVALID_REQUEST} for a path that is not canonical
     */
    static List<String> segments(String rawUri, String contextPath, boolean ignoreCase) {
        List<String> all = segments(rawUri);
        List<String> context = segments(contextPath == null || contextPath.isEmpty() ? "/" : contextPath);
        if (all.size() < context.size()) {
            throw invalid("request path is outside the context path");
        }
        for (int i = 0; i < context.size(); i++) {
            String a = all.get(i);
            String b = context.get(i);
            if (ignoreCase ? !a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT)) : !a.equals(b)) {
                throw invalid("request path is outside the context path");
            }
        }
        return all.subList(context.size(), all.size());
    }

    static List<String> segments(String raw) {
        if (raw == null || raw.isEmpty() || raw.charAt(0) != '/') {
            throw invalid("request path does not start with '/'");
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '\\') {
                throw invalid("request path holds a control, space, backslash or non-ASCII character");
            }
        }
        List<String> out = new ArrayList<>();
        int start = 1;
        int n = raw.length();
        while (start <= n) {
            int slash = raw.indexOf('/', start);
            int end = slash < 0 ? n : slash;
            String seg = raw.substring(start, end);
            int semi = seg.indexOf(';');
            if (semi >= 0) {
                seg = seg.substring(0, semi);
            }
            if (seg.isEmpty()) {
                // only the last segment may be empty: "/" alone, or one trailing slash ("/admin/", "/admin;/")
                if (slash >= 0) {
                    throw invalid("request path holds an empty segment");
                }
            } else {
                String decoded = decode(seg);
                if (decoded.equals(".") || decoded.equals("..")) {
                    throw invalid("request path holds a dot segment");
                }
                out.add(decoded);
            }
            if (slash < 0) {
                break;
            }
            start = slash + 1;
        }
        return out;
    }

    private static String decode(String seg) {
        if (seg.indexOf('%') < 0) {
            return seg;
        }
        ByteBuffer bytes = ByteBuffer.allocate(seg.length());
        for (int i = 0; i < seg.length(); i++) {
            char c = seg.charAt(i);
            if (c != '%') {
                bytes.put((byte) c);
                continue;
            }
            if (i + 2 >= seg.length()) {
                throw invalid("request path holds a malformed percent-encoding");
            }
            int hi = Character.digit(seg.charAt(i + 1), 16);
            int lo = Character.digit(seg.charAt(i + 2), 16);
            if (hi < 0 || lo < 0) {
                throw invalid("request path holds a malformed percent-encoding");
            }
            int b = hi << 4 | lo;
            if (b < 0x20 || b == 0x7f || b == '/' || b == '\\' || b == '.' || b == '%' || b == ';') {
                throw invalid("request path holds an encoded separator, dot, percent or control character");
            }
            bytes.put((byte) b);
            i += 2;
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw invalid("request path holds malformed UTF-8");
        }
    }

    private static TokenException invalid(String message) {
        return new TokenException(ErrorCode.INVALID_REQUEST, message);
    }
}
