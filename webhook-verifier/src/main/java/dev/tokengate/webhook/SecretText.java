package dev.tokengate.webhook;

/** A configured secret's text, kept until {@code build()}; prints {@code ***}. */
final class SecretText {
    final String value;

    SecretText(String value) {
        this.value = value;
    }

    @Override
    public String toString() {
        return "***";
    }
}
