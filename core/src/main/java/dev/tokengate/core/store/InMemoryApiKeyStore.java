package dev.tokengate.core.store;

import java.time.Clock;
import java.util.Objects;

/** {@link ApiKeyStore} on a {@link TtlMap}. */
final class InMemoryApiKeyStore implements ApiKeyStore, Sized {

    private final TtlMap<ApiKeyRecord> records;

    InMemoryApiKeyStore(Clock clock, long maxEntries) {
        this.records = new TtlMap<>(Objects.requireNonNull(clock, "clock"), maxEntries, "api-key");
    }

    @Override
    public void save(ApiKeyRecord record) {
        records.put(record.keyHash(), record, record.expiresAt());
    }

    @Override
    public ApiKeyRecord find(String keyHash) {
        return records.get(keyHash);
    }

    @Override
    public boolean delete(String keyHash) {
        return records.remove(keyHash);
    }

    @Override
    public long size() {
        return records.size();
    }
}
