package io.dataspoke.demo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Independent random streams derived from the one seed. Each purpose (and each dataset) gets its
 * own stream, so changing how one part of the history is generated does not shift the numbers of
 * every other part, and the same seed always gives the same numbers.
 */
final class Seeds {

    private Seeds() {}

    /** A stream for {@code purpose}. */
    static SplittableRandom rng(long seed, String purpose) {
        return new SplittableRandom(mix(seed ^ fnv(purpose)));
    }

    /** A stream for {@code purpose} and one item (a dataset index, a day). */
    static SplittableRandom rng(long seed, String purpose, long item) {
        return new SplittableRandom(mix(mix(seed ^ fnv(purpose)) + item));
    }

    /** A standard normal deviate (Box–Muller), computed here so it never depends on the JDK. */
    static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    static double uniform(SplittableRandom rng, double low, double high) {
        return low + (high - low) * rng.nextDouble();
    }

    static double logUniform(SplittableRandom rng, double low, double high) {
        return Math.exp(uniform(rng, Math.log(low), Math.log(high)));
    }

    static <T> T pick(SplittableRandom rng, List<T> items) {
        return items.get(rng.nextInt(items.size()));
    }

    static boolean chance(SplittableRandom rng, double p) {
        return rng.nextDouble() < p;
    }

    /** Fisher–Yates, in place. */
    static <T> void shuffle(List<T> items, SplittableRandom rng) {
        for (int i = items.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            T tmp = items.get(i);
            items.set(i, items.get(j));
            items.set(j, tmp);
        }
    }

    /** SplitMix64's finalizer. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static long fnv(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
