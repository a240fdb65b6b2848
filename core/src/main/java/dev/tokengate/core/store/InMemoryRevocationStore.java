package dev.tokengate.core.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/** {@link RevocationStore} on two {@link TtlMap}s: token ids, and subject cut-offs. */
final class InMemoryRevocationStore implements RevocationStore, Sized {

    private static final Boolean REVOKED = Boolean.TRUE;

    private final TtlMap<Boolean> ids;
    private final TtlMap<Instant> subjects;

    InMemoryRevocationStore(Clock clock, long maxEntries) {
        Objects.requireNonNull(clock, "clock");
        this.ids = new TtlMap<>(clock, maxEntries, "revocation");
        this.subjects = new TtlMap<>(clock, maxEntries, "subject revocation");
    }

    @Override
    public void revoke(String tokenId, Instant until) {
        ids.put(Objects.requireNonNull(tokenId, "tokenId"), REVOKED, Objects.requireNonNull(until, "until"));
    }

    @Override
    public void revokeSubject(String subject, Instant issuedBefore, Instant until) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuedBefore, "issuedBefore");
        long deadline = subjects.deadline(Objects.requireNonNull(until, "until"));
        subjects.compute(subject, (k, old) -> {
            if (old == null) {
                return new TtlMap.Slot<>(issuedBefore, deadline);
            }
            Instant cut = old.value().isAfter(issuedBefore) ? old.value() : issuedBefore;
            return new TtlMap.Slot<>(cut, Math.max(deadline, old.deadline()));
        });
    }

    @Override
    public boolean isRevoked(String tokenId, String subject, Instant issuedAt) {
        if (tokenId != null && ids.get(tokenId) != null) {
            return true;
        }
        if (subject == null || issuedAt == null) {
            return false;
        }
        Instant cut = subjects.get(subject);
        return cut != null && issuedAt.isBefore(cut);
    }

    @Override
    public long size() {
        return ids.size() + subjects.size();
    }
}
