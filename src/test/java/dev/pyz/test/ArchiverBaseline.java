package dev.pyz.test;

import java.io.File;
import java.util.Locale;
import org.codehaus.plexus.archiver.zip.ZipArchiver;

/**
 * What building the zipapp with plexus-archiver would cost: its {@link ZipArchiver} (what maven-jar-plugin
 * and maven-assembly-plugin write zips with) compressing a folder of extracted wheels into one zip, as a
 * merge of the wheels' files must when its archiver recompresses every entry. Not a test:
 * {@code bench/benchmark.py} runs it beside the plugin's own merge of the same wheels.
 *
 * <p>{@code ArchiverBaseline TREE OUT}: prints {@code archiver <seconds>} (in this JVM, startup excluded).
 */
public final class ArchiverBaseline {
    private ArchiverBaseline() {}

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        ZipArchiver archiver = new ZipArchiver();
        archiver.addDirectory(new File(args[0]));
        archiver.setDestFile(new File(args[1]));
        archiver.setForced(true);
        archiver.createArchive();
        System.out.printf(Locale.ROOT, "archiver %.3f%n", (System.nanoTime() - start) / 1e9);
    }
}
