package dev.pyz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file replaced whole, written into the space of the version before last. */
class SpareFileTest {
    @TempDir
    Path dir;
    Path target;
    Path spare;

    @BeforeEach
    void paths() {
        target = dir.resolve("out/app.pyz");
        spare = dir.resolve("work/app.pyz.spare");
    }

    private void replace(String content) throws IOException {
        replace(content, true);
    }

    private void replace(String content, boolean reuse) throws IOException {
        try (SpareFile file = SpareFile.open(target, spare, reuse)) {
            write(file, content);
            file.moveIntoPlace(content.length());
        }
    }

    private static void write(SpareFile file, String content) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII));
        while (bytes.hasRemaining()) {
            file.channel().write(bytes);
        }
    }

    private static Object inode(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    private List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theReplacedVersionBecomesTheSpareAndTheNextVersionIsWrittenIntoIt() throws IOException {
        replace("first version, the longest of the three");
        assertFalse(Files.exists(spare), "nothing was replaced yet");
        Object first = inode(target);
        replace("second version");
        assertEquals("first version, the longest of the three", Files.readString(spare));
        assertEquals(first, inode(spare));
        Object second = inode(target);
        replace("third");
        assertEquals("third", Files.readString(target), "cut to what was written");
        assertEquals(first, inode(target), "written into the first version's file");
        assertEquals("second version", Files.readString(spare));
        assertEquals(second, inode(spare));
        assertEquals(List.of("app.pyz"), names(target.getParent()));
        assertEquals(List.of("app.pyz.spare", "app.pyz.spare.lock"), names(spare.getParent()));
    }

    @Test
    void aFileWithAnotherNameIsNeitherKeptNorWrittenInto() throws IOException {
        replace("first");
        Path linked = Files.createLink(dir.resolve("installed.pyz"), target); // someone's hard link
        replace("second");
        assertFalse(Files.exists(spare), "the replaced version has another name: not kept");
        assertEquals("first", Files.readString(linked));
        replace("third");
        Files.createLink(dir.resolve("kept-spare"), spare);
        replace("fourth");
        assertEquals("fourth", Files.readString(target));
        assertEquals("second", Files.readString(dir.resolve("kept-spare")), "a linked spare is not written into");
        assertEquals("first", Files.readString(linked));
    }

    @Test
    void whileAnotherBuildHoldsTheSpareANewTempFileIsWritten() throws IOException {
        replace("first");
        replace("second");
        try (SpareFile holder = SpareFile.open(target, spare, true)) {
            assertEquals(spare, holder.file());
            try (SpareFile other = SpareFile.open(target, spare, true)) {
                assertNotEquals(spare, other.file());
                assertEquals(target.getParent(), other.file().getParent());
                write(other, "from the other build");
                other.moveIntoPlace("from the other build".length());
            }
            write(holder, "from the holder");
            holder.moveIntoPlace("from the holder".length());
        }
        assertEquals("from the holder", Files.readString(target));
        assertEquals("from the other build", Files.readString(spare));
        assertEquals(List.of("app.pyz"), names(target.getParent()), "no temp file left");
    }

    @Test
    void aBuildThatFailsLeavesTheTargetAsItWas() throws IOException {
        replace("first");
        replace("second");
        try (SpareFile file = SpareFile.open(target, spare, true)) {
            write(file, "half of a third ver");
        }
        assertEquals("second", Files.readString(target));
        replace("third");
        assertEquals("third", Files.readString(target));
        Files.delete(spare);
        try (SpareFile file = SpareFile.open(target, spare, false)) {
            write(file, "half");
        }
        assertEquals("third", Files.readString(target));
        assertEquals(List.of("app.pyz"), names(target.getParent()), "the new temp file is gone");
    }

    @Test
    void namesLeftByABuildKilledWhileMovingAreCleanedUp() throws IOException {
        replace("first");
        replace("second");
        // killed between linking the replaced version and renaming it to the spare
        Path left = Files.createLink(spare.resolveSibling("app.pyz.spare.replaced-x1.tmp"), target);
        replace("third");
        assertFalse(Files.exists(left));
        assertEquals("second", Files.readString(spare), "the replaced version is the spare");
    }

    @Test
    void withoutReuseEveryVersionIsANewFileAndTheSpareGoes() throws IOException {
        replace("first");
        replace("second");
        assertTrue(Files.exists(spare));
        replace("third", false);
        assertFalse(Files.exists(spare));
        assertEquals("third", Files.readString(target));
        Object third = inode(target);
        replace("fourth", false);
        assertFalse(Files.exists(spare));
        assertNotEquals(third, inode(target));
        assertEquals(List.of("app.pyz"), names(target.getParent()));
    }
}
