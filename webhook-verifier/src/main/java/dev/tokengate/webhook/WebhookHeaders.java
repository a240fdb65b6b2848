package dev.tokengate.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a verifier reads the headers of a delivery: every value of a header, by a name compared
 * case-insensitively.
 *
 * <p>Adapters pass their container's lookup ({@code name -> Collections.list(request.getHeaders(name))}
 * for servlets); {@link #of(Map)} wraps a plain map. Implementations must be safe to call from
 * the verifying thread; they are not shared between threads by the verifier.
 */
@FunctionalInterface
public interface WebhookHeaders {

    /**
     * Every value of a header, in order of appearance.
     *
     * @param name the header name; implementations compare it case-insensitively
     * @return the values; empty or {@code null} when the header is absent
     */
    List<String> values(String name);

    /**
     * Headers from a map, looked up case-insensitively: values of keys that differ only in case
     * are joined. {@code null} keys, lists and values are skipped. The map is read, not copied.
     *
     * @param headers header names to their values
     * @return the lookup
     */
    static WebhookHeaders of(Map<String, ? extends List<String>> headers) {
        Objects.requireNonNull(headers, "headers");
        return name -> {
            List<String> out = new ArrayList<>(1);
            for (Map.Entry<String, ? extends List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getValue() != null && e.getKey().equalsIgnoreCase(name)) {
                    for (String v : e.getValue()) {
                        if (v != null) {
                            out.add(v);
                        }
                    }
                }
            }
            return out;
        };
    }

    /**
     * Headers from a map holding one value per name, looked up case-insensitively.
     *
     * @param headers header names to their value
     * @return the lookup
     */
    static WebhookHeaders ofSingle(Map<String, String> headers) {
        Objects.requireNonNull(headers, "headers");
        return name -> {
            List<String> out = new ArrayList<>(1);
            for (Map.Entry<String, String> e : headers.entrySet()) {
                if (e.getKey() != null && e.getValue() != null && e.getKey().equalsIgnoreCase(name)) {
                    out.add(e.getValue());
                }
            }
            return out;
        };
    }
}
