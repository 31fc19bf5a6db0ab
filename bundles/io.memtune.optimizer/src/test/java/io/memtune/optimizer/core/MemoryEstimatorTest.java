package io.memtune.optimizer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;
import org.openjdk.jol.vm.VM;

class MemoryEstimatorTest {

    private final CompactEngine engine = CompactEngineSpecTest.allOn();

    @Test
    void estimatesTheCompactFormAsJolMeasuresIt() {
        Map<String, String> files = Map.of(
                "layout", "<!doctype html>\n<html><head><title>{{$title}}{{brand.name}}{{/title}}</title></head>\n"
                        + "<body>{{>header}}\n{{$content}}{{/content}}\n{{>footer}}</body></html>\n",
                "header", "<header><a href=\"{{brand.url}}\">{{brand.name}}</a>{{#nav}}<a href=\"{{href}}\">{{label}}</a>{{/nav}}</header>",
                "footer", "<footer>&copy; {{year}} {{brand.name}} — ünïcödé</footer>",
                "page", "{{<layout}}{{$title}}Invoice {{number}}{{/title}}{{$content}}<table>{{#lines}}<tr><td>{{description}}</td>"
                        + "<td>{{{amount}}}</td></tr>{{/lines}}{{^lines}}<p>nothing</p>{{/lines}}</table>{{/content}}{{/layout}}");
        CompactTemplate page = (CompactTemplate) engine.compile(Sources.of("t", "page", files));
        long estimated = MemoryEstimator.bytes(page.root, Set.of());
        // the estimator assumes compressed references and 8-byte alignment, the default for heaps under 32 GB
        assertTrue(VM.current().addressSize() == 4 || VM.current().details().contains("Compressed"), VM.current().details());
        long measured = GraphLayout.parseInstance(page.root).totalSize();
        System.out.printf("compact form: estimated %d B, JOL %d B%n", estimated, measured);
        assertEquals(measured, estimated, 0.05 * measured, "estimate within 5 % of JOL");
    }
}
