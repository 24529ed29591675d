package dev.pyz.wheel;

/**
 * How much a wheel may expand to: the sum of the uncompressed sizes its central directory declares,
 * checked when it is opened. What stops a zip bomb besides this bound: entries may not overlap (one
 * compressed stream cannot serve many entries), and every entry that is inflated is held to its declared
 * size and CRC-32, so no entry yields more than it declares. There is no bound on a single entry's
 * compression ratio: deflate cannot expand more than about 1032:1, and real wheels ship large files of
 * zeros (test data, sparse tables) that approach it.
 *
 * <p>The default leaves a wide margin over real wheels: the largest wheel of tensorflow-cpu 2.21.0 and its
 * 31 dependencies installs 1.27 GB (1.18 GiB).
 *
 * @param maxTotalSize the most bytes all entries together may declare uncompressed ({@code maxWheelSize})
 */
public record WheelLimits(long maxTotalSize) {
    /** 8 GiB in total. */
    public static final WheelLimits DEFAULTS = new WheelLimits(8L << 30);

    public WheelLimits {
        if (maxTotalSize < 0) {
            throw new IllegalArgumentException("the size limit must be positive: " + maxTotalSize);
        }
    }

    // written out: the generated toString bootstraps method handles on its first call (dozens of classes
    // spun), a cost every build would pay for the up-to-date check
    @Override
    public String toString() {
        return "WheelLimits[maxTotalSize=" + maxTotalSize + "]";
    }
}
