package io.memtune.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Template hot reloads in the corpus a container serves: a page edited so its output changes (a new revision
 * line in its content block), and now and then a template added to a tenant and later removed. Each change is
 * checked over HTTP, as a client would see it: the new text served, the new template rendered, the removed one
 * answered 404.
 */
final class TemplateReloads {

    /** The added template's name: not a "page", so it is never one of the load's targets. */
    static final String EXTRA = "soak-extra.html";
    private static final String BLOCK_END = "{{/content}}";
    private static final String REVISION_LINE = "(?m)^<p class=\"soak\">soak revision \\d+</p>\\n";
    /** Pages edited in turn this far apart: a prime, so every page comes round in a corpus of a size it does not divide. */
    private static final int STEP = 37;

    private final Path templates;
    private final List<ClosedLoopLoad.Target> pages;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The added template's address (render/tenant/name) while it exists, else null. */
    private String extra;

    TemplateReloads(Bench bench, URI base) {
        this.templates = bench.corpus().resolve("templates");
        this.pages = bench.targets();
        this.base = base;
    }

    /** Puts a line with {@code revision} into a page's content block (replacing the last one it put there). */
    HotReload editPage(int revision) throws IOException {
        ClosedLoopLoad.Target page = pages.get(Math.floorMod(revision * STEP, pages.size()));
        Path file = file(page.path());
        String text = Files.readString(file).replaceAll(REVISION_LINE, "");
        if (!text.contains(BLOCK_END)) {
            throw new IllegalStateException(file + " has no " + BLOCK_END + " block: the corpus generator changed its pages");
        }
        String line = "<p class=\"soak\">soak revision " + revision + "</p>";
        Files.writeString(file, text.replace(BLOCK_END, line + "\n" + BLOCK_END));
        return new HotReload(HotReload.Kind.TEMPLATE_EDIT, page.path() + " revision " + revision, () -> servedWith(page, line));
    }

    /** Adds a template to a tenant, or removes the one added last time. */
    HotReload addOrRemove(int revision) throws IOException {
        if (extra == null) {
            ClosedLoopLoad.Target page = pages.get(Math.floorMod(revision * STEP, pages.size()));
            String tenant = page.path().split("/")[1];
            extra = "render/" + tenant + "/" + EXTRA;
            String line = "<p class=\"soak\">soak extra " + revision + "</p>";
            Files.writeString(file(extra), "{{<layout.html}}{{$content}}" + line + "{{/content}}{{/layout.html}}");
            ClosedLoopLoad.Target added = new ClosedLoopLoad.Target(extra, page.body());
            return new HotReload(HotReload.Kind.TEMPLATE_ADD, extra, () -> servedWith(added, line));
        }
        ClosedLoopLoad.Target removed = new ClosedLoopLoad.Target(extra, pages.get(0).body());
        Files.delete(file(extra));
        extra = null;
        return new HotReload(HotReload.Kind.TEMPLATE_REMOVE, removed.path(), () -> {
            HttpResponse<String> answer = send(removed);
            return answer.statusCode() == 404 ? null : "status " + answer.statusCode();
        });
    }

    /** Null when {@code target} renders with {@code line} in it, else what it answered. */
    private String servedWith(ClosedLoopLoad.Target target, String line) throws IOException, InterruptedException {
        HttpResponse<String> answer = send(target);
        if (answer.statusCode() == 200 && answer.body().contains(line)) {
            return null;
        }
        String body = answer.body();
        return "status " + answer.statusCode() + ", without the new line: " + body.substring(0, Math.min(160, body.length()));
    }

    private HttpResponse<String> send(ClosedLoopLoad.Target target) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(target.path())).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(target.body())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** render/tenant/page.html is templates/tenant/page.html.mustache. */
    private Path file(String address) {
        String[] parts = address.split("/");
        return templates.resolve(parts[1]).resolve(parts[2] + ".mustache");
    }
}
