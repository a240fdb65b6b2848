package dev.tokengate.benchmarks;

import dev.tokengate.core.SigningAlgorithm;
import dev.tokengate.core.TokenValidator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;

/**
 * Measures the heap a cached token costs: validates N distinct ES256 tokens through a validator
 * whose cache holds exactly N, and compares the used heap after full GCs before and after.
 * Target: at most 1 KiB per cached token, the token string (the cache key) included.
 *
 * <p>Run: {@code java -cp benchmarks/target/tokengate-benchmarks.jar dev.tokengate.benchmarks.CachedTokenHeap [N]}
 * (N defaults to 100,000). Not a JMH benchmark: it prints one line of results.
 */
public final class CachedTokenHeap {

    /**
     * What was measured.
     *
     * @param tokens how many distinct tokens were cached
     * @param bytesPerEntry heap per cache entry beyond the token string (the key)
     * @param keyBytesPerEntry heap of the token string itself (compact Latin-1 String, 8-byte aligned)
     * @param averageTokenChars the average token length
     */
    public record Result(int tokens, double bytesPerEntry, double keyBytesPerEntry, double averageTokenChars) {

        /** The whole cost of one cached token: entry plus key. */
        public double totalBytesPerToken() {
            return bytesPerEntry + keyBytesPerEntry;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "cached tokens: %d, heap per cached token: %.0f B (entry %.0f B + token string %.0f B,"
                    + " average token %.0f chars), target <= 1024 B: %s", tokens, totalBytesPerToken(), bytesPerEntry,
                    keyBytesPerEntry, averageTokenChars, totalBytesPerToken() <= 1024 ? "met" : "MISSED");
        }
    }

    private CachedTokenHeap() {
    }

    /**
     * Entry point.
     *
     * @param args optionally the number of tokens
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        System.out.println(measure(n));
    }

    /**
     * Caches {@code n} distinct tokens and measures the heap they take.
     *
     * @param n how many tokens
     * @return the measurement
     */
    public static Result measure(int n) {
        Fixtures f = new Fixtures(SigningAlgorithm.ES256);
        TokenValidator validator = f.validator(n).build();
        String[] tokens = new String[n];
        long chars = 0;
        long keyBytes = 0;
        for (int i = 0; i < n; i++) {
            tokens[i] = f.token();
            chars += tokens[i].length();
            // String object (24 B) + byte[] header (16 B) + one byte per char, each 8-byte aligned
            keyBytes += 24 + align(16 + tokens[i].length());
        }
        // warm the validator on other tokens so that class loading and lazy init do not count
        for (int i = 0; i < 100; i++) {
            validator.validate(f.token());
        }
        long before = usedHeapAfterGc();
        for (String t : tokens) {
            validator.validate(t);
        }
        long after = usedHeapAfterGc();
        // the tokens array and strings exist in both measurements; keep them reachable until here
        if (tokens[n - 1].isEmpty()) {
            throw new IllegalStateException();
        }
        return new Result(n, (after - before) / (double) n, keyBytes / (double) n, chars / (double) n);
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
