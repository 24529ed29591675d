package dev.pyz.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every plugin configuration shown in the README is the configuration of an integration test, and every
 * {@code pyz:} command line shown there is run by one: what users copy is what the ITs run.
 */
class ReadmeSnippetsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();

    private static String squash(String xml) {
        return xml.replaceAll("\\s+", "");
    }

    private static List<String> itFiles(String name) throws Exception {
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("src/it"), 2)) {
            for (Path f : files.filter(p -> p.getFileName().toString().equals(name)).toList()) {
                texts.add(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return texts;
    }

    @Test
    void everyConfigurationInTheReadmeIsAnIntegrationTest() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        List<String> poms = itFiles("pom.xml").stream().map(ReadmeSnippetsTest::squash).toList();
        Matcher block = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        int configurations = 0;
        while (block.find()) {
            Matcher conf = Pattern.compile("<configuration>.*?</configuration>", Pattern.DOTALL).matcher(block.group(1));
            while (conf.find()) {
                String snippet = squash(conf.group());
                configurations++;
                assertTrue(poms.stream().anyMatch(p -> p.contains(snippet)),
                        "no IT under src/it has the README's configuration " + conf.group());
            }
        }
        assertFalse(configurations == 0, "the README shows no configuration: the test would check nothing");
    }

    @Test
    void everyGoalCommandInTheReadmeIsRunByAnIntegrationTest() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        List<String> invocations = itFiles("invoker.properties");
        Matcher command = Pattern.compile("mvn \\S*pyz[^\\s]*:([a-z][\\w-]*)((?: -D[\\w.]+=\\S+)*)").matcher(readme);
        int commands = 0;
        while (command.find()) {
            Pattern goal = Pattern.compile(":" + command.group(1) + "(\\s|$)");
            List<String> properties = new ArrayList<>();
            Matcher p = Pattern.compile("-D([\\w.]+)=").matcher(command.group(2));
            while (p.find()) {
                properties.add("-D" + p.group(1) + "=");
            }
            commands++;
            assertTrue(invocations.stream().anyMatch(i -> i.lines().anyMatch(
                    line -> goal.matcher(line).find() && properties.stream().allMatch(line::contains))),
                    "no IT's invoker.properties runs the README's `" + command.group() + "`");
        }
        assertFalse(commands == 0, "the README shows no pyz goal command: the test would check nothing");
    }
}
