package dev.tokengate.webhook;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request whose body was captured: every {@link #getInputStream()} and {@link #getReader()}
 * starts again at the first byte, and form parameters are parsed from the captured body (the
 * container's own parsing would find the stream already read).
 */
final class CachedBodyRequest extends HttpServletRequestWrapper {

    private final byte[] body;
    private final int length;
    private Map<String, String[]> parameters;

    CachedBodyRequest(HttpServletRequest request, byte[] body, int length) {
        super(request);
        this.body = body;
        this.length = length;
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body, 0, length);
        return new ServletInputStream() {
            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new IllegalStateException("the webhook body was already read; use blocking reads");
            }

            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }
        };
    }

    @Override
    public BufferedReader getReader() throws UnsupportedEncodingException {
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body, 0, length), charset()));
    }

    @Override
    public int getContentLength() {
        return length;
    }

    @Override
    public long getContentLengthLong() {
        return length;
    }

    @Override
    public String getParameter(String name) {
        String[] v = parameters().get(name);
        return v == null ? null : v[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return parameters();
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(parameters().keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        String[] v = parameters().get(name);
        return v == null ? null : v.clone();
    }

    private Charset charset() throws UnsupportedEncodingException {
        String enc = getCharacterEncoding();
        if (enc == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(enc);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new UnsupportedEncodingException(enc);
        }
    }

    /** Query-string parameters first, then those of an {@code application/x-www-form-urlencoded} body. */
    private synchronized Map<String, String[]> parameters() {
        if (parameters == null) {
            Charset cs;
            try {
                cs = charset();
            } catch (UnsupportedEncodingException e) {
                cs = StandardCharsets.UTF_8;
            }
            Map<String, List<String>> acc = new LinkedHashMap<>();
            addPairs(acc, getQueryString(), cs);
            String type = getContentType();
            if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                addPairs(acc, new String(body, 0, length, cs), cs);
            }
            Map<String, String[]> out = new LinkedHashMap<>();
            acc.forEach((k, v) -> out.put(k, v.toArray(String[]::new)));
            parameters = Collections.unmodifiableMap(out);
        }
        return parameters;
    }

    private static void addPairs(Map<String, List<String>> acc, String encoded, Charset cs) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                acc.computeIfAbsent(decode(k, cs), x -> new ArrayList<>()).add(decode(v, cs));
            } catch (IllegalArgumentException e) {
                // a malformed %-escape: the pair is skipped, as containers do
            }
        }
    }

    /** URL-decodes one name or value; {@code %}-escapes are bytes in {@code cs}. */
    private static String decode(String s, Charset cs) {
        return URLDecoder.decode(s, cs);
    }
}
