package dev.pyz.testing;

import dev.pyz.PyzException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads a JUnit XML report (what pytest's {@code --junitxml} and the plugin's unittest runner write, and
 * what CI servers read from {@code surefire-reports}): every {@code <testcase>} of every
 * {@code <testsuite>}, counted from the cases themselves rather than the suites' attributes.
 */
public final class JUnitReports {
    private JUnitReports() {}

    public static TestSummary read(Path report) throws IOException {
        Document document;
        try (InputStream in = Files.newInputStream(report)) {
            document = parser().parse(in);
        } catch (SAXException e) {
            throw new PyzException(report + ": not a readable JUnit XML report (" + e.getMessage() + ")", e);
        }
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        double seconds = 0;
        List<TestSummary.Failed> failed = new ArrayList<>();
        NodeList suites = document.getElementsByTagName("testsuite");
        for (int i = 0; i < suites.getLength(); i++) {
            seconds += number(((Element) suites.item(i)).getAttribute("time"));
        }
        NodeList cases = document.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            tests++;
            Element outcome = firstChild(c, "failure", "error", "skipped");
            if (outcome == null) {
                continue;
            }
            switch (outcome.getTagName()) {
                case "skipped" -> skipped++;
                case "failure" -> failures++;
                default -> errors++;
            }
            if (!outcome.getTagName().equals("skipped")) {
                failed.add(new TestSummary.Failed(name(c), outcome.getTagName(), outcome.getAttribute("message")));
            }
        }
        return new TestSummary(tests, failures, errors, skipped, seconds, List.copyOf(failed));
    }

    private static DocumentBuilder parser() throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IOException("no XML parser: " + e.getMessage(), e);
        }
    }

    /** The first child element with one of these names: where a case says how it ended. */
    private static Element firstChild(Element parent, String... names) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                for (String name : names) {
                    if (e.getTagName().equals(name)) {
                        return e;
                    }
                }
            }
        }
        return null;
    }

    private static String name(Element testcase) {
        String classname = testcase.getAttribute("classname");
        String name = testcase.getAttribute("name");
        return classname.isEmpty() ? name : classname + "." + name;
    }

    private static double number(String value) {
        try {
            return value.isBlank() ? 0 : Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
