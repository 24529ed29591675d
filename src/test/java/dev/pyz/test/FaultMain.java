package dev.pyz.test;

import dev.pyz.Log;
import dev.pyz.app.EntryPoint;
import dev.pyz.app.SourceTree;
import dev.pyz.app.ZipappBuilder;
import dev.pyz.cache.PackCache;
import dev.pyz.cache.PackedWheel;
import dev.pyz.cache.WheelInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A build in a process of its own, for the fault tests that kill it or run two at once:
 * {@code pack CACHE WHEEL...} packs the wheels; {@code zipapp CACHE OUTPUT WHEEL...} also builds a zipapp.
 * Prints {@code done} at the end.
 */
public final class FaultMain {
    private FaultMain() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        PackCache cache = new PackCache(Path.of(args[1]));
        int first = mode.equals("zipapp") ? 3 : 2;
        List<WheelInput> inputs = new ArrayList<>();
        for (int i = first; i < args.length; i++) {
            inputs.add(WheelInput.of(Path.of(args[i])));
        }
        List<PackedWheel> wheels = new ArrayList<>();
        cache.prepare(inputs, 2, Log.NONE).forEach(p -> wheels.add(p.wheel()));
        if (mode.equals("zipapp")) {
            ZipappBuilder.build(TestSettings.zipapp(Path.of(args[1]), Path.of(args[2])), Optional.empty(),
                    new ZipappBuilder.Contents(wheels, SourceTree.none(), EntryPoint.interpreter(), Optional.empty()),
                    Log.NONE);
        }
        System.out.println("done");
    }
}
