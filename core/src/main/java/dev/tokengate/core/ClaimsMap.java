package dev.tokengate.core;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Date;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable, insertion-ordered map on two arrays, for the claims and metadata of a
 * {@link ValidatedToken}: far smaller than an unmodifiable {@code LinkedHashMap} (no entry
 * objects), and its key array can be shared by every token of the same shape. It tolerates
 * {@code null} values and {@code null} lookups, as an unmodifiable {@code LinkedHashMap} does.
 *
 * <p>A value stored as an {@link Instant} is the epoch time of a date claim ({@code exp},
 * {@code iat}, {@code nbf}); it is shared with the token's own fields and read back as a fresh
 * {@link Date}, as nimbus parses date claims. JSON never yields an {@code Instant} otherwise.
 *
 * <p>It implements {@code Map} directly rather than extend {@code AbstractMap}, whose two cached
 * view fields would cost 8 bytes in every cached token.
 */
final class ClaimsMap implements Map<String, Object> {

    static final ClaimsMap EMPTY = new ClaimsMap(new String[0], new Object[0]);

    private final String[] keys;
    private final Object[] values;

    /** Takes both arrays without copying: the caller hands them over and never changes them. */
    ClaimsMap(String[] keys, Object[] values) {
        if (keys.length != values.length) {
            throw new IllegalArgumentException("keys and values differ in length");
        }
        this.keys = keys;
        this.values = values;
    }

    /**
     * An immutable copy of {@code map}, reusing {@code shape} as its key array when it holds the
     * same keys in the same order.
     */
    static ClaimsMap copyOf(Map<String, ?> map, String[] shape) {
        if (map instanceof ClaimsMap c) {
            return c;
        }
        if (map.isEmpty()) {
            return EMPTY;
        }
        String[] keys = sameKeys(map, shape) ? shape : new String[map.size()];
        Object[] values = new Object[map.size()];
        int i = 0;
        for (Map.Entry<String, ?> e : map.entrySet()) {
            if (keys != shape) {
                keys[i] = e.getKey();
            }
            values[i++] = e.getValue();
        }
        return new ClaimsMap(keys, values);
    }

    /** Whether {@code map}'s keys are exactly {@code shape}, in order. */
    static boolean sameKeys(Map<String, ?> map, String[] shape) {
        if (shape == null || shape.length != map.size()) {
            return false;
        }
        int i = 0;
        for (String k : map.keySet()) {
            if (!Objects.equals(k, shape[i++])) {
                return false;
            }
        }
        return true;
    }

    String[] keys() {
        return keys;
    }

    private int indexOf(Object key) {
        for (int i = 0; i < keys.length; i++) {
            if (Objects.equals(keys[i], key)) {
                return i;
            }
        }
        return -1;
    }

    private static Object exposed(Object v) {
        return v instanceof Instant t ? Date.from(t) : v;
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public boolean isEmpty() {
        return keys.length == 0;
    }

    @Override
    public boolean containsValue(Object value) {
        for (Object v : values) {
            if (Objects.equals(exposed(v), value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Object put(String key, Object value) {
        throw new UnsupportedOperationException("claims are immutable");
    }

    @Override
    public Object remove(Object key) {
        throw new UnsupportedOperationException("claims are immutable");
    }

    @Override
    public void putAll(Map<? extends String, ?> m) {
        throw new UnsupportedOperationException("claims are immutable");
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("claims are immutable");
    }

    @Override
    public Set<String> keySet() {
        return java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(java.util.Arrays.asList(keys)));
    }

    @Override
    public java.util.Collection<Object> values() {
        java.util.List<Object> out = new java.util.ArrayList<>(values.length);
        for (Object v : values) {
            out.add(exposed(v));
        }
        return java.util.Collections.unmodifiableList(out);
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof Map<?, ?> m) || m.size() != keys.length) {
            return false;
        }
        for (int i = 0; i < keys.length; i++) {
            Object mine = exposed(values[i]);
            Object theirs = m.get(keys[i]);
            if (!Objects.equals(mine, theirs) || (theirs == null && !m.containsKey(keys[i]))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < keys.length; i++) {
            h += Objects.hashCode(keys[i]) ^ Objects.hashCode(exposed(values[i]));
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(keys[i]).append('=').append(exposed(values[i]));
        }
        return sb.append('}').toString();
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : exposed(values[i]);
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        if (next >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new AbstractMap.SimpleImmutableEntry<>(keys[i], exposed(values[i]));
                    }
                };
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }
}
