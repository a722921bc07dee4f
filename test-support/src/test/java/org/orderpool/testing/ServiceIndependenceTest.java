package org.orderpool.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The build's guard of the rule that a service talks to the others only through topics: no service's pom
 * depends on another service module (what two services share goes to schemas, test-support or a shared
 * library such as carrier-calendars). A service is a module of the root pom that builds a Spring Boot
 * application, except local-stack, which runs them all in one JVM for the demo and the end-to-end tests.
 * It lives here because every service's build builds test-support first.
 */
class ServiceIndependenceTest {

    private static final List<String> NOT_SERVICES = List.of("local-stack");

    @Test
    void shouldFindNoServiceThatDependsOnAnotherService() throws Exception {
        final Path root = Path.of("").toAbsolutePath().getParent();
        final Map<String, Document> poms = new LinkedHashMap<>();
        for (final String module : texts(read(root.resolve("pom.xml")).getDocumentElement(), "module")) {
            poms.put(module, read(root.resolve(module).resolve("pom.xml")));
        }
        final List<String> services = poms.entrySet().stream()
                .filter(e -> !NOT_SERVICES.contains(e.getKey()))
                .filter(e -> texts(e.getValue().getDocumentElement(), "artifactId").contains("spring-boot-maven-plugin"))
                .map(Map.Entry::getKey).toList();
        final List<String> violations = new ArrayList<>();
        for (final String service : services) {
            final NodeList dependencies = poms.get(service).getElementsByTagName("dependency");
            for (int i = 0; i < dependencies.getLength(); i++) {
                final Element dependency = (Element) dependencies.item(i);
                final String group = texts(dependency, "groupId").stream().findFirst().orElse("");
                final String artifact = texts(dependency, "artifactId").stream().findFirst().orElse("");
                if (group.equals("org.orderpool") && services.contains(artifact)) {
                    violations.add(service + " depends on " + artifact);
                }
            }
        }

        assertThat(services).as("the services found in the root pom's modules")
                .contains("order-intake", "shipping-scheduler", "carrier-sink", "ops-dashboard").doesNotContain("test-support");
        assertThat(violations).as("a service module in another service's pom (share through a library instead)").isEmpty();
    }

    private static Document read(final Path pom) throws Exception {
        assertThat(pom).as("a module's pom").isRegularFile();
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    private static List<String> texts(final Element parent, final String tag) {
        final List<String> texts = new ArrayList<>();
        final NodeList nodes = parent.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent().strip());
        }
        return texts;
    }
}
