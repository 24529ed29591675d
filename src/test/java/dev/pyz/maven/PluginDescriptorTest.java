package dev.pyz.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The m2e lifecycle mapping names every build goal of the plugin descriptor (help aside). */
class PluginDescriptorTest {
    /** The text of every {@code child} element directly under a {@code parent} element. */
    private static Set<String> texts(String resource, String parent, String child) throws Exception {
        try (InputStream in = PluginDescriptorTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is on the class path");
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            NodeList parents = doc.getElementsByTagName(parent);
            Set<String> result = new TreeSet<>();
            for (int i = 0; i < parents.getLength(); i++) {
                for (Node n = parents.item(i).getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n.getNodeType() == Node.ELEMENT_NODE && n.getNodeName().equals(child)) {
                        result.add(n.getTextContent().strip());
                    }
                }
            }
            return result;
        }
    }

    @Test
    void m2eMappingCoversEveryGoal() throws Exception {
        Set<String> goals = texts("/META-INF/maven/plugin.xml", "mojo", "goal");
        goals.remove("help");
        assertEquals(Set.of("import", "pack", "tree", "zipapp"), goals);
        assertEquals(goals, texts("/META-INF/m2e/lifecycle-mapping-metadata.xml", "goals", "goal"));
    }
}
