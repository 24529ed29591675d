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
        assertEquals(Set.of("cache-deploy", "cache-info", "cache-prune", "import", "integration-test", "pack", "resolve",
                "test", "tree", "zipapp"), goals);
        assertEquals(goals, texts("/META-INF/m2e/lifecycle-mapping-metadata.xml", "goals", "goal"));
    }

    /** Each goal's parameters a user can set, from the plugin descriptor. */
    private static java.util.Map<String, Set<String>> parameters() throws Exception {
        try (InputStream in = PluginDescriptorTest.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            NodeList mojos = doc.getElementsByTagName("mojo");
            java.util.Map<String, Set<String>> result = new java.util.TreeMap<>();
            for (int i = 0; i < mojos.getLength(); i++) {
                org.w3c.dom.Element mojo = (org.w3c.dom.Element) mojos.item(i);
                String goal = mojo.getElementsByTagName("goal").item(0).getTextContent().strip();
                Set<String> names = new TreeSet<>();
                NodeList params = mojo.getElementsByTagName("parameter");
                for (int j = 0; j < params.getLength(); j++) {
                    org.w3c.dom.Element p = (org.w3c.dom.Element) params.item(j);
                    if (p.getElementsByTagName("editable").item(0).getTextContent().strip().equals("true")) {
                        names.add(p.getElementsByTagName("name").item(0).getTextContent().strip());
                    }
                }
                result.put(goal, names);
            }
            return result;
        }
    }

    @Test
    void theReadmeDocumentsEveryParameterOfEveryGoalAndNoOther() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        java.util.Map<String, Set<String>> goals = parameters();
        // pyz:zipapp: the first column of the parameter table
        Set<String> table = new TreeSet<>();
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("(?m)^\\| `(\\w+)` \\|").matcher(
                readme.substring(readme.indexOf("### Parameters"), readme.indexOf("`pyz:pack` takes")));
        while (row.find()) {
            table.add(row.group(1));
        }
        assertEquals(goals.get("zipapp"), table, "pyz:zipapp's parameters against the README's table");
        // the other goals: the names in backticks of the sentence "`pyz:<goal>` takes ..."
        for (String goal : new String[] {"pack", "tree", "import", "resolve", "test", "integration-test", "cache-deploy",
                "cache-info", "cache-prune"}) {
            int start = readme.indexOf("`pyz:" + goal + "` takes");
            String sentence = readme.substring(start, readme.indexOf(". ", start) > 0
                    ? Math.min(readme.indexOf(". `", start + 1) > 0 ? readme.indexOf(". `", start + 1) : readme.length(),
                            readme.indexOf("\n", start)) : readme.indexOf("\n", start));
            Set<String> named = new TreeSet<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("`([a-zA-Z]+)`").matcher(sentence);
            while (m.find()) {
                named.add(m.group(1));
            }
            named.remove("pypi");
            assertEquals(goals.get(goal), named, "pyz:" + goal + "'s parameters against the README: " + sentence);
        }
    }
}
