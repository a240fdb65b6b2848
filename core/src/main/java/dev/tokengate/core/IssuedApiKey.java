package dev.tokengate.core;

import dev.tokengate.core.store.ApiKeyRecord;
import java.util.Objects;

/**
 * A freshly issued opaque API key: the key itself, to be shown to its owner once and never
 * stored, and the record the store keeps (with only the key's hash). {@link #toString()} never
 * shows the key.
 *
 * @param key the API key, e.g. {@code tg_live_…}
 * @param record what the store holds
 */
public record IssuedApiKey(String key, ApiKeyRecord record) {

    /** Checks the components. */
    public IssuedApiKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(record, "record");
    }

    @Override
    public String toString() {
        return "IssuedApiKey[" + record.hint() + ", id=" + record.id() + ", key=***]";
    }
}
