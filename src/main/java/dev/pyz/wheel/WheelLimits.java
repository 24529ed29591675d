package dev.pyz.wheel;

/**
 * How much a wheel may expand to, checked on the sizes its central directory declares when it is opened
 * (and, whenever an entry is inflated, on the bytes it really yields).
 *
 * <p>The defaults leave a wide margin over real wheels: the largest wheel of tensorflow-cpu 2.21.0 and its
 * 31 dependencies installs 1.27 GB (1.18 GiB), and its most compressible entry above 1 MiB expands 35.5:1
 * (the most compressible entry of any size, 252:1, is 264 KiB). Deflate cannot exceed about 1032:1, so the
 * ratio bound refuses entries that are nearly all one repeated byte; the total bound caps everything else.
 *
 * @param maxTotalSize the most bytes all entries together may declare uncompressed
 * @param maxRatio the most an entry may expand (uncompressed size / compressed size) ...
 * @param ratioAbove ... when its uncompressed size is above this many bytes (small entries may compress
 *     well without consequence)
 */
public record WheelLimits(long maxTotalSize, long maxRatio, long ratioAbove) {
    /** 8 GiB in total; 1000:1 for entries above 1 MiB. */
    public static final WheelLimits DEFAULTS = new WheelLimits(8L << 30, 1000, 1L << 20);

    public WheelLimits {
        if (maxTotalSize < 0 || maxRatio < 1 || ratioAbove < 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxTotalSize + ", " + maxRatio + ", "
                    + ratioAbove);
        }
    }
}
