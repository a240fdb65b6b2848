package dev.tokengate.core.http;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.TokenException;
import java.util.List;

/**
 * Finds the bearer token of a request, strictly as RFC 6750 describes it.
 *
 * <p>By default only the {@code Authorization} header is read; the {@code access_token} query
 * and form parameters are read only when enabled. The scheme is matched case-insensitively and
 * must be followed by a space ({@code Beaver x}, {@code fooBearer x} and {@code BearerX} are not
 * bearer tokens). A request that carries two tokens (two headers, or a header and an
 * {@code access_token} parameter, even one whose transport is disabled), a header with CR, LF
 * or non-ASCII characters, or a {@code Bearer} header without a well-formed token is refused
 * with {@link ErrorCode#INVALID_REQUEST}.
 *
 * <p>Immutable and thread-safe.
 */
public final class BearerTokenExtractor {

    /** The RFC 6750 query and form parameter name. */
    public static final String PARAMETER = "access_token";

    private static final BearerTokenExtractor HEADER_ONLY = new BearerTokenExtractor(false, false);

    /** The RFC 6750 b64token characters, by ASCII code. */
    private static final boolean[] B64TOKEN = new boolean[128];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            B64TOKEN[c] = true;
            B64TOKEN[Character.toLowerCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            B64TOKEN[c] = true;
        }
        for (char c : new char[] {'-', '.', '_', '~', '+', '/'}) {
            B64TOKEN[c] = true;
        }
    }

    private final boolean allowQuery;
    private final boolean allowForm;

    private BearerTokenExtractor(boolean allowQuery, boolean allowForm) {
        this.allowQuery = allowQuery;
        this.allowForm = allowForm;
    }

    /** The default: the {@code Authorization} header only. */
    public static BearerTokenExtractor headerOnly() {
        return HEADER_ONLY;
    }

    /**
     * An extractor with the query and/or form transports enabled as well as the header.
     *
     * @param allowQuery accept {@code ?access_token=} (RFC 6750 §2.3; it leaks into logs: avoid)
     * @param allowForm accept a form-encoded {@code access_token} body parameter (RFC 6750 §2.2)
     * @return the extractor
     */
    public static BearerTokenExtractor of(boolean allowQuery, boolean allowForm) {
        return allowQuery || allowForm ? new BearerTokenExtractor(allowQuery, allowForm) : HEADER_ONLY;
    }

    /** Whether the query transport is enabled. */
    public boolean allowsQuery() {
        return allowQuery;
    }

    /** Whether the form transport is enabled; adapters read form parameters only then. */
    public boolean allowsForm() {
        return allowForm;
    }

    /**
     * Extracts the token.
     *
     * @param authorizationHeaders every value of the {@code Authorization} header, possibly empty
     * @param queryTokens every {@code access_token} query parameter value, possibly empty
     * @param formTokens every {@code access_token} form parameter value (empty when the form transport is off)
     * @return the token, or {@code null} when the request carries none
     * @throws TokenException {@link ErrorCode#INVALID_REQUEST} for two tokens or a malformed header
     */
    public String extract(List<String> authorizationHeaders, List<String> queryTokens, List<String> formTokens) {
        String found = null;
        int count = 0;
        for (String value : authorizationHeaders) {
            String token = fromHeader(value);
            if (token != null) {
                found = token;
                count++;
            }
        }
        count += queryTokens.size();
        count += allowForm ? formTokens.size() : 0;
        if (count > 1) {
            throw new TokenException(ErrorCode.INVALID_REQUEST, "request carries " + count + " access tokens; exactly one is allowed");
        }
        if (found != null) {
            return found;
        }
        if (allowQuery && !queryTokens.isEmpty()) {
            return requireWellFormed(queryTokens.get(0), "access_token query parameter");
        }
        if (allowForm && !formTokens.isEmpty()) {
            return requireWellFormed(formTokens.get(0), "access_token form parameter");
        }
        return null;
    }

    /** The token of one {@code Authorization} value, or {@code null} if it is another scheme. */
    private static String fromHeader(String value) {
        int n = value.length();
        if (n < 6 || !value.regionMatches(true, 0, "Bearer", 0, 6) || (n > 6 && value.charAt(6) != ' ')) {
            requirePrintableAscii(value);
            return null;   // another scheme (Basic, Beaver, BearerX...): not a bearer token
        }
        if (n == 6) {
            throw new TokenException(ErrorCode.INVALID_REQUEST, "Bearer scheme without a token");
        }
        int start = 7;
        while (start < n && value.charAt(start) == ' ') {
            start++;
        }
        int end = n;
        while (end > start && value.charAt(end - 1) == ' ') {
            end--;
        }
        return requireWellFormed(end - start == n ? value : value.substring(start, end), "Authorization header");
    }

    private static void requirePrintableAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new TokenException(ErrorCode.INVALID_REQUEST, "Authorization header holds a control or non-ASCII character");
            }
        }
    }

    private static TokenException malformed(String value, String where) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return new TokenException(ErrorCode.INVALID_REQUEST, where + " holds a control or non-ASCII character");
            }
        }
        return new TokenException(ErrorCode.INVALID_REQUEST, where + " holds no well-formed bearer token");
    }

    /** RFC 6750 b64token: 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=". */
    private static String requireWellFormed(String token, String where) {
        int i = 0;
        int n = token.length();
        while (i < n && isB64TokenChar(token.charAt(i))) {
            i++;
        }
        if (i == 0) {
            throw malformed(token, where);   // empty, or starts with something else (CR, LF, a space...)
        }
        while (i < n && token.charAt(i) == '=') {
            i++;
        }
        if (i != n) {
            throw malformed(token, where);
        }
        return token;
    }

    private static boolean isB64TokenChar(char c) {
        return c < 128 && B64TOKEN[c];
    }
}
