package io.ferry.ckan.generate;

/**
 * A small, fully specified pseudo-random generator (SplitMix64), so that a seed produces the same
 * catalog on every JVM. Streams are keyed: {@code new Rng(seed, kind, index)} gives every object of
 * the catalog its own stream, which lets each table's writer re-derive an object's shape on the fly
 * instead of holding the catalog in memory.
 */
final class Rng {
    private static final long GOLDEN = 0x9e3779b97f4a7c15L;

    private long state;

    /** A stream for the object identified by {@code keys} under {@code seed}. */
    Rng(long seed, long... keys) {
        long s = mix(seed ^ 0x5851f42d4c957f2dL);
        for (long k : keys) {
            s = mix(s ^ (k * GOLDEN + 0x632be59bd9b4e019L));
        }
        this.state = s;
    }

    /** The SplitMix64 finaliser: a bijective scramble of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    /** Uniform in {@code [0, bound)}; {@code bound} must be positive. */
    int nextInt(int bound) {
        return (int) ((nextLong() >>> 1) % bound);
    }

    /** Uniform in {@code [from, to]}. */
    int between(int from, int to) {
        return from + nextInt(to - from + 1);
    }

    /** Uniform in {@code [0, 1)}. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    boolean chance(double probability) {
        return nextDouble() < probability;
    }

    /** Standard normal (Box-Muller; one value per call keeps the stream position predictable). */
    double gaussian() {
        double u = 1.0 - nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * nextDouble());
    }

    /** Geometric count {@code >= 0} with the given mean. */
    int geometric(double mean) {
        double p = 1 / (1 + mean);
        return (int) Math.floor(Math.log(1.0 - nextDouble()) / Math.log(1 - p));
    }

    /** Index in {@code [0, n)} with power-law popularity: index 0 is the most likely. */
    int zipf(int n, double exponent) {
        double u = nextDouble();
        double a = 1 - exponent;
        double x = Math.pow((Math.pow(n + 1, a) - 1) * u + 1, 1 / a);
        return Math.min(n - 1, Math.max(0, (int) x - 1));
    }

    <T> T pick(T[] values) {
        return values[nextInt(values.length)];
    }

    /** Lower-case hex digits, e.g. for password hashes and content checksums. */
    String hex(int digits) {
        StringBuilder b = new StringBuilder(digits);
        while (b.length() < digits) {
            b.append(Long.toHexString(nextLong() | Long.MIN_VALUE), 1, 16);
        }
        b.setLength(digits);
        return b.toString();
    }
}
