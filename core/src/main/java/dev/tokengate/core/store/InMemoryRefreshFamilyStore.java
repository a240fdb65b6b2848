package dev.tokengate.core.store;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@link RefreshFamilyStore} on a {@link TtlMap}; rotation is one {@code compute}, hence atomic. */
final class InMemoryRefreshFamilyStore implements RefreshFamilyStore, Sized {

    static final int REMEMBERED_HASHES = 64;

    /** The family plus the hashes it rotated away, oldest first. */
    record State(RefreshFamily family, List<String> rotated) {
    }

    private final TtlMap<State> families;

    InMemoryRefreshFamilyStore(Clock clock, long maxEntries) {
        this.families = new TtlMap<>(Objects.requireNonNull(clock, "clock"), maxEntries, "refresh-family");
    }

    @Override
    public void create(RefreshFamily family, Duration ttl) {
        Objects.requireNonNull(family, "family");
        if (!families.putIfAbsent(family.familyId(), new State(family, List.of()), families.now().plus(positive(ttl)))) {
            throw new IllegalStateException("refresh family '" + family.familyId() + "' exists already");
        }
    }

    @Override
    public RefreshFamily find(String familyId) {
        State s = families.get(familyId);
        return s == null ? null : s.family;
    }

    @Override
    public RotateOutcome rotate(String familyId, String presentedHash, String newHash, Duration ttl) {
        Objects.requireNonNull(presentedHash, "presentedHash");
        Objects.requireNonNull(newHash, "newHash");
        long deadline = families.deadline(families.now().plus(positive(ttl)));
        RotateOutcome[] outcome = {RotateOutcome.UNKNOWN};
        families.asMap().computeIfPresent(familyId, (k, slot) -> {
            State s = slot.value();
            if (s.family.revoked()) {
                outcome[0] = RotateOutcome.REVOKED;
                return slot;
            }
            if (java.security.MessageDigest.isEqual(bytes(s.family.currentHash()), bytes(presentedHash))) {
                List<String> rotated = new ArrayList<>(s.rotated);
                rotated.add(presentedHash);
                if (rotated.size() > REMEMBERED_HASHES) {
                    rotated.remove(0);
                }
                outcome[0] = RotateOutcome.ROTATED;
                return new TtlMap.Slot<>(new State(s.family.withCurrentHash(newHash), List.copyOf(rotated)), deadline);
            }
            for (String old : s.rotated) {
                if (java.security.MessageDigest.isEqual(bytes(old), bytes(presentedHash))) {
                    outcome[0] = RotateOutcome.REUSED;
                    return new TtlMap.Slot<>(new State(s.family.asRevoked(), s.rotated), slot.deadline());
                }
            }
            return slot;
        });
        return outcome[0];
    }

    @Override
    public boolean revoke(String familyId) {
        boolean[] revoked = {false};
        families.asMap().computeIfPresent(familyId, (k, slot) -> {
            if (slot.value().family.revoked()) {
                return slot;
            }
            revoked[0] = true;
            return new TtlMap.Slot<>(new State(slot.value().family.asRevoked(), slot.value().rotated), slot.deadline());
        });
        return revoked[0];
    }

    @Override
    public long size() {
        return families.size();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static Duration positive(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        return ttl;
    }
}
