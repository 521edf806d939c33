package io.hubspotbeam.sandbox;

/**
 * Stateless deterministic randomness: every generated value is a pure function of the seed and
 * the coordinates of the value (object, record index, property...), which is what lets the portal
 * compute any record on demand instead of storing millions of them.
 */
final class SeedMix {
  private SeedMix() {}

  /** A well-spread 64-bit hash of the parts (SplitMix64 finalizer applied after each part). */
  static long of(long seed, long... parts) {
    long h = scramble(seed ^ 0x9E3779B97F4A7C15L);
    for (long part : parts) {
      h = scramble(h + 0x9E3779B97F4A7C15L + part);
    }
    return h;
  }

  /** A uniform double in [0, 1). */
  static double unit(long seed, long... parts) {
    return (of(seed, parts) >>> 11) * 0x1.0p-53;
  }

  /** A uniform long in [0, bound), bound > 0. */
  static long below(long bound, long seed, long... parts) {
    return Math.floorMod(of(seed, parts), bound);
  }

  /** A stable numeric code for a name, to use a name as a part. */
  static long code(String name) {
    long h = 1125899906842597L;
    for (int i = 0; i < name.length(); i++) {
      h = 31 * h + name.charAt(i);
    }
    return scramble(h);
  }

  private static long scramble(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
