package dev.pyz.bytecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterpreterMemoTest {
    @TempDir
    Path dir;

    private final Path python = Path.of("/opt/python/bin/python3");
    private final Interpreter answer = new Interpreter(python, "a70d0d0a", "cpython-311", "3.11.7", "cpython");

    @Test
    void rememberedByExecutablePathAndOnlyForIt() {
        InterpreterMemo memo = InterpreterMemo.under(dir);
        assertEquals(Optional.empty(), memo.remembered(python));
        memo.remember(answer);
        assertEquals(Optional.of(answer), memo.remembered(python));
        assertEquals(Optional.empty(), memo.remembered(Path.of("/usr/bin/python3")));
        assertEquals(Optional.empty(), new InterpreterMemo(dir.resolve("interpreters"), "/another/project")
                .remembered(python), "a shim may start another interpreter in another folder");
        Interpreter upgraded = new Interpreter(python, "cb0d0d0a", "cpython-312", "3.12.1", "cpython");
        memo.remember(upgraded);
        assertEquals(Optional.of(upgraded), InterpreterMemo.under(dir).remembered(python), "the last answer counts");
    }

    @Test
    void aMemoThatCannotBeReadIsNoMemo() throws Exception {
        InterpreterMemo memo = InterpreterMemo.under(dir);
        memo.remember(answer);
        Path file;
        try (var files = Files.list(dir.resolve("interpreters"))) {
            file = files.findFirst().orElseThrow();
        }
        String good = Files.readString(file);
        for (String bad : new String[] {good.replace("magic=", "magik="), good.replace("version=3.11.7", "version=x"),
                good.replace(python.toString(), "/elsewhere/python3"), "", "\u0000\u00ff"}) {
            Files.writeString(file, bad);
            assertEquals(Optional.empty(), memo.remembered(python), bad);
        }
        Files.delete(file);
        Files.createDirectory(file); // not writable as a file: remembering fails quietly
        memo.remember(answer);
        assertTrue(Files.isDirectory(file));
        assertEquals(Optional.empty(), memo.remembered(python));
    }
}
