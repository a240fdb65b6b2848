package dev.tokengate.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisStoresConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        RedisStoresConfig c = RedisStoresConfig.defaults();

        assertThat(c.keyPrefix()).isEqualTo("tokengate:");
        assertThat(c.commandTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.maxReconnectDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.nearCache()).isTrue();
        assertThat(c.nearCacheMaxEntries()).isEqualTo(100_000);
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(c.maxStaleness()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.expiryMargin()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.rememberedRefreshHashes()).isEqualTo(64);
    }

    @Test
    void settersRejectBadValuesNamingTheSetting() {
        RedisStoresConfig.Builder b = RedisStoresConfig.builder();

        assertThatThrownBy(() -> b.keyPrefix("")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyPrefix");
        assertThatThrownBy(() -> b.keyPrefix("a b")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyPrefix");
        assertThatThrownBy(() -> b.commandTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("commandTimeout");
        assertThatThrownBy(() -> b.commandTimeout(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.connectTimeout(Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> b.maxReconnectDelay(Duration.ofMillis(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxReconnectDelay");
        assertThatThrownBy(() -> b.nearCacheMaxEntries(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nearCacheMaxEntries");
        assertThatThrownBy(() -> b.heartbeatInterval(Duration.ofMillis(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("heartbeatInterval");
        assertThatThrownBy(() -> b.maxStaleness(Duration.ofMillis(5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxStaleness");
        assertThatThrownBy(() -> b.expiryMargin(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expiryMargin");
        assertThatThrownBy(() -> b.rememberedRefreshHashes(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rememberedRefreshHashes");
        assertThatThrownBy(() -> b.clock(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void buildWhenStalenessBelowTwoHeartbeatsThenIllegalStateSayingHowToFix() {
        RedisStoresConfig.Builder b = RedisStoresConfig.builder().heartbeatInterval(Duration.ofMillis(600)).maxStaleness(Duration.ofSeconds(1));

        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("raise maxStaleness");
        assertThat(b.nearCache(false).build().nearCache()).isFalse();
    }

    @Test
    void toBuilderDerivesAVariant() {
        RedisStoresConfig c = RedisStoresConfig.builder().keyPrefix("app:").build();
        RedisStoresConfig d = c.toBuilder().commandTimeout(Duration.ofMillis(200)).build();

        assertThat(d.keyPrefix()).isEqualTo("app:");
        assertThat(d.commandTimeout()).isEqualTo(Duration.ofMillis(200));
        assertThat(c.commandTimeout()).isEqualTo(Duration.ofMillis(500));
    }
}
