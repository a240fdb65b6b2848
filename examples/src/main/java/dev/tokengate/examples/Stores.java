package dev.tokengate.examples;

import dev.tokengate.core.store.ApiKeyStore;
import dev.tokengate.core.store.MessageIdStore;
import dev.tokengate.core.store.RefreshFamilyStore;
import dev.tokengate.core.store.RevocationStore;
import dev.tokengate.redis.RedisStores;

/** The token state of the gateway: in memory, or in Redis when {@code --redis} is given. */
record Stores(RevocationStore revocations, RefreshFamilyStore refreshFamilies, ApiKeyStore apiKeys,
        MessageIdStore messageIds, String description, AutoCloseable connection) implements AutoCloseable {

    /**
     * Opens the stores.
     *
     * @param redis a {@code redis://host:port} URI, or {@code null} for in-memory stores
     * @return the stores
     * @throws dev.tokengate.core.TokenException STORE_UNAVAILABLE when Redis cannot be reached
     */
    static Stores open(String redis) {
        if (redis == null) {
            return new Stores(RevocationStore.inMemory(), RefreshFamilyStore.inMemory(), ApiKeyStore.inMemory(),
                    MessageIdStore.inMemory(), "in memory (this instance only; --redis shares it between instances)", () -> { });
        }
        RedisStores r = RedisStores.connect(redis);
        return new Stores(r.revocations(), r.refreshFamilies(), r.apiKeys(), r.messageIds(),
                "Redis at " + redactedUri(redis) + " (shared by every instance using it)", r);
    }

    /** The URI without a password. */
    static String redactedUri(String uri) {
        return uri.replaceAll("//[^@/]*@", "//***@");
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
