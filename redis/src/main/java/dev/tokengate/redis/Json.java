package dev.tokengate.redis;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.TokenException;
import dev.tokengate.core.TokenType;
import dev.tokengate.core.store.ApiKeyRecord;
import dev.tokengate.core.store.RefreshFamily;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON forms of the records the stores keep, on the JSON library core already uses. Instants and
 * durations are ISO-8601 strings, so they come back exactly. An unreadable stored value fails
 * closed with {@code STORE_UNAVAILABLE}.
 */
final class Json {

    private Json() {
    }

    /** The parts of a family that never change; current hash and revoked flag are separate hash fields. */
    static String familyData(RefreshFamily f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subject", f.subject());
        m.put("type", f.type().name());
        m.put("scopes", f.scopes());
        m.put("audience", f.audience());
        m.put("metadata", f.metadata());
        m.put("bindings", f.bindings());
        m.put("accessLifetime", f.accessLifetime().toString());
        m.put("createdAt", f.createdAt().toString());
        return JSONObjectUtils.toJSONString(m);
    }

    static RefreshFamily family(String familyId, String data, String currentHash, boolean revoked) {
        try {
            Map<String, Object> m = JSONObjectUtils.parse(data);
            return new RefreshFamily(familyId, JSONObjectUtils.getString(m, "subject"),
                    TokenType.valueOf(JSONObjectUtils.getString(m, "type")),
                    JSONObjectUtils.getStringList(m, "scopes"), JSONObjectUtils.getStringList(m, "audience"),
                    JSONObjectUtils.getJSONObject(m, "metadata"), JSONObjectUtils.getStringList(m, "bindings"),
                    Duration.parse(JSONObjectUtils.getString(m, "accessLifetime")),
                    Instant.parse(JSONObjectUtils.getString(m, "createdAt")), currentHash, revoked);
        } catch (ParseException | RuntimeException e) {
            throw unreadable("refresh family " + familyId, e);
        }
    }

    static String apiKey(ApiKeyRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("keyHash", r.keyHash());
        m.put("hint", r.hint());
        m.put("type", r.type().name());
        m.put("subject", r.subject());
        m.put("scopes", r.scopes());
        m.put("metadata", r.metadata());
        m.put("bindings", r.bindings());
        m.put("createdAt", r.createdAt().toString());
        m.put("expiresAt", r.expiresAt().toString());
        return JSONObjectUtils.toJSONString(m);
    }

    static ApiKeyRecord apiKey(String json) {
        try {
            Map<String, Object> m = JSONObjectUtils.parse(json);
            return new ApiKeyRecord(JSONObjectUtils.getString(m, "id"), JSONObjectUtils.getString(m, "keyHash"),
                    JSONObjectUtils.getString(m, "hint"), TokenType.valueOf(JSONObjectUtils.getString(m, "type")),
                    JSONObjectUtils.getString(m, "subject"), JSONObjectUtils.getStringList(m, "scopes"),
                    JSONObjectUtils.getJSONObject(m, "metadata"), JSONObjectUtils.getStringList(m, "bindings"),
                    Instant.parse(JSONObjectUtils.getString(m, "createdAt")),
                    Instant.parse(JSONObjectUtils.getString(m, "expiresAt")));
        } catch (ParseException | RuntimeException e) {
            throw unreadable("API-key record", e);
        }
    }

    private static TokenException unreadable(String what, Exception e) {
        return new TokenException(ErrorCode.STORE_UNAVAILABLE, "the stored " + what + " is unreadable: " + e.getMessage(), e);
    }
}
