package dev.pyz.importer;

import static dev.pyz.test.WheelBuilder.wheel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.PyzException;
import dev.pyz.requirement.MarkerEnvironment;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Comment;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class WheelhouseTest {
    private static final Map<String, String> LINUX_311 = MarkerEnvironment.cpython("3.11.9", "linux", "x86_64");
    private static final Map<String, String> MAC_311 = MarkerEnvironment.cpython("3.11.9", "darwin", "arm64");

    @TempDir
    Path dir;

    private Path folder(String name) throws Exception {
        return Files.createDirectories(dir.resolve(name));
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static String text(Element parent, String child) {
        NodeList nodes = parent.getElementsByTagName(child);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    private static List<String> dependencies(Document pom) {
        List<String> deps = new ArrayList<>();
        NodeList nodes = pom.getElementsByTagName("dependency");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element d = (Element) nodes.item(i);
            deps.add(text(d, "groupId") + ":" + text(d, "artifactId") + ":" + text(d, "version") + ":" + text(d, "type")
                    + ":" + text(d, "classifier"));
        }
        return deps;
    }

    private static List<String> comments(Document pom) {
        List<String> comments = new ArrayList<>();
        NodeList nodes = pom.getDocumentElement().getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.COMMENT_NODE) {
                comments.add(((Comment) nodes.item(i)).getData());
            }
        }
        return comments;
    }

    private static Wheelhouse.Import find(List<Wheelhouse.Import> imports, String fileName) {
        return imports.stream().filter(i -> i.wheel().fileName().fileName().equals(fileName)).findFirst().orElseThrow();
    }

    @Test
    void thePomCarriesMetadataAndTheDependenciesTheFolderMeets() throws Exception {
        Path f = folder("wheels");
        wheel("Demo.Lib", "1.2")
                .metadata("Summary", "Demo <things> & \"more\"")
                .metadata("Home-page", "https://example.com/demo")
                .metadata("License-Expression", "MIT OR Apache-2.0")
                .metadata("Requires-Dist", "six>=1.10")
                .writeTo(f);
        // WheelBuilder keeps one value per key, so a second wheel carries the other requirements
        wheel("app", "0.1")
                .metadata("Requires-Dist", "demo-lib>=1")
                .metadata("Project-URL", "Home Page, https://example.com/app")
                .metadata("License", "BSD-3-Clause\n        Copyright (c) ... the full text follows")
                .writeTo(f);
        wheel("six", "1.17.0").tags("py2.py3-none-any").writeTo(f);

        Wheelhouse house = Wheelhouse.scan(f);
        assertEquals(List.of("Demo_Lib-1.2-py3-none-any.whl", "app-0.1-py3-none-any.whl", "six-1.17.0-py2.py3-none-any.whl"),
                house.wheels().stream().map(w -> w.fileName().fileName()).collect(Collectors.toList()));
        List<Wheelhouse.Import> imports = house.plan("org.pypi", LINUX_311);

        Wheelhouse.Import demo = find(imports, "Demo_Lib-1.2-py3-none-any.whl");
        assertEquals("org.pypi:demo_lib:1.2:whl:py3-none-any", demo.coordinates().toString());
        Document pom = parse(demo.pom());
        Element project = pom.getDocumentElement();
        assertEquals("http://maven.apache.org/POM/4.0.0", project.getNamespaceURI());
        assertEquals("org.pypi", text(project, "groupId"));
        assertEquals("demo_lib", text(project, "artifactId"));
        assertEquals("1.2", text(project, "version"));
        assertEquals("whl", text(project, "packaging"));
        assertEquals("Demo.Lib", text(project, "name"));
        assertEquals("Demo <things> & \"more\"", text(project, "description"));
        assertEquals("https://example.com/demo", text(project, "url"));
        assertEquals("MIT OR Apache-2.0", text((Element) project.getElementsByTagName("license").item(0), "name"));
        assertEquals(List.of("org.pypi:six:1.17.0:whl:py2.py3-none-any"), dependencies(pom));
        assertEquals(List.of("org.pypi:six:1.17.0:whl:py2.py3-none-any"),
                demo.dependencies().stream().map(Object::toString).collect(Collectors.toList()));
        assertEquals(List.of(), demo.unmet());

        Document app = parse(find(imports, "app-0.1-py3-none-any.whl").pom());
        assertEquals("https://example.com/app", text(app.getDocumentElement(), "url"));
        assertEquals("BSD-3-Clause", text((Element) app.getElementsByTagName("license").item(0), "name"));
        assertEquals(List.of("org.pypi:demo_lib:1.2:whl:py3-none-any"), dependencies(app));

        Document six = parse(find(imports, "six-1.17.0-py2.py3-none-any.whl").pom());
        assertEquals(List.of(), dependencies(six));
        assertEquals(0, six.getElementsByTagName("dependencies").getLength());
        assertEquals(0, six.getElementsByTagName("licenses").getLength());

        assertEquals(List.of("app-0.1-py3-none-any.whl"), Wheelhouse.roots(imports).stream()
                .map(i -> i.wheel().fileName().fileName()).collect(Collectors.toList()));
    }

    @Test
    void unmetRequirementsAreACommentAndTheResultAndFalseMarkersAreLeftOut() throws Exception {
        Path second = folder("second");
        // one METADATA with several Requires-Dist: WheelBuilder writes a key once, so write METADATA itself
        wheel("tool", "2.0").file("tool-2.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: tool\nVersion: 2.0\n"
                + "Requires-Dist: missing>=1\n"
                + "Requires-Dist: old<1\n"
                + "Requires-Dist: tomli>=1; python_version < \"3.9\"\n"
                + "Requires-Dist: extra-only; extra == \"dev\"\n"
                + "Requires-Dist: weird-name--x\n").writeTo(second);
        wheel("old", "1.5").writeTo(second);
        wheel("tomli", "2.0.1").writeTo(second);

        Wheelhouse.Import tool = find(Wheelhouse.scan(second).plan("pypi", LINUX_311), "tool-2.0-py3-none-any.whl");
        assertEquals(List.of("missing>=1: not in the folder", "old<1: the folder has old 1.5",
                "weird-name--x: not in the folder"), tool.unmet().stream().map(Object::toString).collect(Collectors.toList()));
        Document pom = parse(tool.pom());
        assertEquals(List.of(), dependencies(pom), "tomli's marker is false for 3.11, extra-only needs an extra");
        List<String> comments = comments(pom);
        assertEquals(2, comments.size(), comments.toString());
        assertTrue(comments.get(0).contains("tool-2.0-py3-none-any.whl for CPython 3.11.9 on linux x86_64"), comments.get(0));
        assertEquals(" Requires-Dist that no wheel of the imported folder meets:\n"
                + "       missing>=1: not in the folder\n"
                + "       old<1: the folder has old 1.5\n"
                + "       weird-name- -x: not in the folder\n  ", comments.get(1));

        Wheelhouse.Import py38 = find(Wheelhouse.scan(second).plan("pypi", MarkerEnvironment.cpython("3.8.10", "linux", "x86_64")),
                "tool-2.0-py3-none-any.whl");
        assertEquals(List.of("pypi:tomli:2.0.1:whl:py3-none-any"),
                py38.dependencies().stream().map(Object::toString).collect(Collectors.toList()));
    }

    @Test
    void extrasBringTheirRequirementsIntoTheRequiringPom() throws Exception {
        Path f = folder("wheels");
        wheel("app", "1.0").metadata("Requires-Dist", "b[x]").writeTo(f);
        wheel("b", "1.0").file("b-1.0.dist-info/METADATA", "Name: b\nVersion: 1.0\nProvides-Extra: x\n"
                + "Requires-Dist: c[y]; extra == \"x\"\nRequires-Dist: base\n").writeTo(f);
        wheel("c", "1.0").metadata("Requires-Dist", "d; extra == \"y\"").writeTo(f);
        wheel("d", "1.0").writeTo(f);
        wheel("base", "1.0").writeTo(f);
        List<Wheelhouse.Import> imports = Wheelhouse.scan(f).plan("pypi", LINUX_311);
        assertEquals(List.of("pypi:b:1.0:whl:py3-none-any", "pypi:c:1.0:whl:py3-none-any", "pypi:d:1.0:whl:py3-none-any"),
                find(imports, "app-1.0-py3-none-any.whl").dependencies().stream().map(Object::toString)
                        .collect(Collectors.toList()),
                "b's own requirement (base) stays in b's POM");
        assertEquals(List.of("pypi:base:1.0:whl:py3-none-any"), find(imports, "b-1.0-py3-none-any.whl").dependencies()
                .stream().map(Object::toString).collect(Collectors.toList()));
        assertEquals(List.of(), find(imports, "c-1.0-py3-none-any.whl").dependencies());
    }

    @Test
    void theWheelThatSuitsTheTargetIsChosen() throws Exception {
        Path f = folder("wheels");
        wheel("app", "1.0").metadata("Requires-Dist", "numpy<2,>=1.26").writeTo(f);
        wheel("numpy", "1.26.4").tags("cp311-cp311-macosx_14_0_arm64").writeTo(f);
        wheel("numpy", "1.26.4").tags("cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64").writeTo(f);
        wheel("numpy", "1.26.4").tags("cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64").writeTo(f);
        wheel("numpy", "1.26.0").tags("cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64").writeTo(f);
        wheel("numpy", "2.0.0").tags("cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64").writeTo(f);
        Wheelhouse house = Wheelhouse.scan(f);
        assertEquals(List.of("pypi:numpy:1.26.4:whl:cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64"),
                find(house.plan("pypi", LINUX_311), "app-1.0-py3-none-any.whl").dependencies().stream()
                        .map(Object::toString).collect(Collectors.toList()));
        assertEquals(List.of("pypi:numpy:1.26.4:whl:cp311-cp311-macosx_14_0_arm64"),
                find(house.plan("pypi", MAC_311), "app-1.0-py3-none-any.whl").dependencies().stream()
                        .map(Object::toString).collect(Collectors.toList()));
    }

    @Test
    void aPreReleaseIsChosenOnlyWhenNoFinalReleaseFits() throws Exception {
        Path f = folder("wheels");
        wheel("app", "1.0").metadata("Requires-Dist", "lib>=1").writeTo(f);
        wheel("tool", "1.0").metadata("Requires-Dist", "pre>=1").writeTo(f);
        wheel("lib", "1.5").writeTo(f);
        wheel("lib", "2.0rc1").writeTo(f);
        wheel("pre", "2.0b1").writeTo(f);
        List<Wheelhouse.Import> imports = Wheelhouse.scan(f).plan("pypi", LINUX_311);
        assertEquals("[pypi:lib:1.5:whl:py3-none-any]", find(imports, "app-1.0-py3-none-any.whl").dependencies().toString());
        assertEquals("[pypi:pre:2.0b1:whl:py3-none-any]", find(imports, "tool-1.0-py3-none-any.whl").dependencies().toString());
    }

    @Test
    void cyclesEndAndStillGiveARoot() throws Exception {
        Path f = folder("wheels");
        wheel("a", "1.0").metadata("Requires-Dist", "b").writeTo(f);
        wheel("b", "1.0").metadata("Requires-Dist", "a").writeTo(f);
        List<Wheelhouse.Import> imports = Wheelhouse.scan(f).plan("pypi", LINUX_311);
        assertEquals("[pypi:b:1.0:whl:py3-none-any]", imports.get(0).dependencies().toString());
        assertEquals("[pypi:a:1.0:whl:py3-none-any]", imports.get(1).dependencies().toString());
        assertEquals(List.of(imports.get(0)), Wheelhouse.roots(imports));
    }

    @Test
    void theBuildTagGoesInFrontOfTheClassifierAndTheDependencyBlockIsReadyToPaste() throws Exception {
        Path f = folder("wheels");
        wheel("Typing.Extensions", "4.12.2").tags("1-py3-none-any").writeTo(f);
        List<Wheelhouse.Import> imports = Wheelhouse.scan(f).plan("pypi", LINUX_311);
        Wheelhouse.Coordinates c = imports.get(0).coordinates();
        assertEquals(new Wheelhouse.Coordinates("pypi", "typing_extensions", "4.12.2", "1-py3-none-any"), c);
        assertEquals("""
                    <dependency>
                      <groupId>pypi</groupId>
                      <artifactId>typing_extensions</artifactId>
                      <version>4.12.2</version>
                      <type>whl</type>
                      <classifier>1-py3-none-any</classifier>
                    </dependency>
                """, Wheelhouse.dependencyBlock(imports));
    }

    @Test
    void wheelsOfOneVersionForSeveralPlatformsShareTheirPom() throws Exception {
        Path f = folder("wheels");
        wheel("six", "1.17.0").tags("py2.py3-none-any").writeTo(f);
        wheel("numpy", "1.26.4").tags("cp311-cp311-macosx_14_0_arm64").writeTo(f);
        wheel("numpy", "1.26.4").tags("cp311-cp311-win_amd64").writeTo(f);
        List<Wheelhouse.Import> imports = Wheelhouse.scan(f).plan("org.pypi", LINUX_311);
        assertEquals(List.of("org.pypi:numpy:1.26.4:whl:cp311-cp311-macosx_14_0_arm64",
                "org.pypi:numpy:1.26.4:whl:cp311-cp311-win_amd64", "org.pypi:six:1.17.0:whl:py2.py3-none-any"),
                imports.stream().map(i -> i.coordinates().toString()).collect(Collectors.toList()));
        assertEquals(imports.get(0).pom(), imports.get(1).pom(), "one POM per artifactId and version");
    }

    @Test
    void theResultDoesNotDependOnTheFolder() throws Exception {
        List<String> poms = new ArrayList<>();
        for (String name : List.of("one", "two")) {
            Path f = folder(name);
            wheel("app", "1.0").metadata("Requires-Dist", "lib").writeTo(f);
            wheel("lib", "1.0").tags("py3-none-any").writeTo(f);
            wheel("lib", "1.0").tags("cp311-abi3-manylinux_2_17_x86_64").writeTo(f);
            poms.add(Wheelhouse.scan(f).plan("pypi", LINUX_311).stream().map(Wheelhouse.Import::pom)
                    .collect(Collectors.joining()));
        }
        assertEquals(poms.get(0), poms.get(1));
        assertTrue(poms.get(0).contains("<classifier>cp311-abi3-manylinux_2_17_x86_64</classifier>"), poms.get(0));
    }

    @Test
    void errorsNameTheFile() throws Exception {
        Path f = folder("wheels");
        Path renamed = f.resolve("other-1.0-py3-none-any.whl");
        Files.move(wheel("lib", "1.0").writeTo(f), renamed);
        String message = assertThrows(PyzException.class, () -> Wheelhouse.scan(f)).getMessage();
        assertEquals(renamed + ": the wheel is named 'other' but its METADATA says Name: lib", message);

        Path g = folder("versions");
        Path v = g.resolve("lib-2.0-py3-none-any.whl");
        Files.move(wheel("lib", "1.0").writeTo(g), v);
        message = assertThrows(PyzException.class, () -> Wheelhouse.scan(g)).getMessage();
        assertEquals(v + ": the wheel has version '2.0' but its METADATA says Version: 1.0", message);

        Path h = folder("ok");
        wheel("lib", "1.0").writeTo(h);
        message = assertThrows(PyzException.class, () -> Wheelhouse.scan(h).plan("bad group", LINUX_311)).getMessage();
        assertTrue(message.startsWith("'bad group' is not a valid groupId"), message);

        Path bad = folder("badreq");
        Path badWheel = wheel("lib", "1.0").metadata("Requires-Dist", "x >=").writeTo(bad);
        message = assertThrows(PyzException.class, () -> Wheelhouse.scan(bad).plan("pypi", LINUX_311)).getMessage();
        assertTrue(message.startsWith(badWheel + ": Requires-Dist is not a valid requirement: "), message);

        message = assertThrows(PyzException.class, () -> Wheelhouse.scan(folder("empty"))).getMessage();
        assertEquals(dir.resolve("empty") + ": no .whl file in this folder", message);
    }
}
