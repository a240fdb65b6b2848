package dev.tokengate.core.store;

/** The result of {@link RefreshFamilyStore#rotate}. */
public enum RotateOutcome {
    /** The presented hash was the current one; the new hash is now current. */
    ROTATED,
    /** The presented hash belonged to an already rotated token: reuse. The family is now revoked. */
    REUSED,
    /** The family is revoked (reuse detected before, or revoked explicitly); nothing changed. */
    REVOKED,
    /** No such family (never created, or expired), or a hash it never held; nothing changed. */
    UNKNOWN
}
