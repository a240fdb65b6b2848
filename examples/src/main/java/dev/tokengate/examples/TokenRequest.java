package dev.tokengate.examples;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON body of {@code POST /tokens}, checked with Jakarta Bean Validation:
 * {@code {"type": "API_ACCESS", "scope": ["READ"], "expiration": "1h", "subject": "…",
 * "metadata": {…}, "bindings": ["doc-1"], "refresh": true}}.
 */
final class TokenRequest {

    /** The token type. */
    @NotNull
    @Pattern(regexp = "API_ACCESS|DOCUMENT_ACCESS|SIGNATURE_SESSION|WEBHOOK_VERIFICATION|SYSTEM_OPERATION",
            message = "must be one of API_ACCESS, DOCUMENT_ACCESS, SIGNATURE_SESSION, WEBHOOK_VERIFICATION, SYSTEM_OPERATION")
    public String type;

    /** The scopes. */
    @NotNull
    @Size(max = 64)
    public List<@NotNull @Pattern(regexp = "[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,128}",
            message = "must be 1 to 128 printable ASCII characters without space, quote or backslash") String> scope = new ArrayList<>();

    /** The lifetime: 30s, 15m, 1h, 7d or ISO-8601. */
    @NotBlank
    @Pattern(regexp = "[0-9]{1,9}[smhd]|P[0-9A-Z.]{1,30}", message = "must look like 30s, 15m, 1h, 7d or PT1H")
    public String expiration;

    /** The subject. */
    @NotBlank
    @Size(max = 256)
    public String subject;

    /** Metadata, a JSON object. */
    @NotNull
    @Size(max = 32)
    public Map<String, Object> metadata = new LinkedHashMap<>();

    /** Resource bindings. */
    @NotNull
    @Size(max = 64)
    public List<@NotBlank @Size(max = 256) String> bindings = new ArrayList<>();

    /** Whether to issue a refresh token too. */
    public boolean refresh;
}
