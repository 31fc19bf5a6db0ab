package io.memtune.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Debian's headless Chromium driven over its DevTools protocol (the JDK's WebSocket client and Jackson, nothing
 * more), so a test uses the page as a person would: loads it, types into it, clicks, reads what it shows, and takes
 * screenshots. One page per browser; {@link #close()} ends the browser.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://[^\\s]+)");

    private final Process process;
    private final WebSocket socket;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** A browser with a window of that size (the page's layout width) and a profile directory of its own. */
    static HeadlessChromium start(Path profile, int width, int height) throws Exception {
        List<String> command = new ArrayList<>(List.of(ExternalTools.require(ExternalTools.CHROMIUM).toString(), "--headless",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "about:blank"));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            URI browser = URI.create(listeningAddress(process));
            HttpClient http = HttpClient.newHttpClient();
            String targets = http.send(HttpRequest.newBuilder(URI.create("http://" + browser.getAuthority() + "/json/list"))
                    .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()).body();
            String page = null;
            for (JsonNode target : new ObjectMapper().readTree(targets)) {
                if ("page".equals(target.path("type").asText())) {
                    page = target.path("webSocketDebuggerUrl").asText();
                }
            }
            if (page == null) {
                throw new AssertionError("chromium opened no page: " + targets);
            }
            Messages messages = new Messages();
            WebSocket socket = http.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(URI.create(page), messages)
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            HeadlessChromium chromium = new HeadlessChromium(process, socket);
            messages.owner = chromium;
            chromium.send("Page.enable", Map.of());
            chromium.send("Runtime.enable", Map.of());
            return chromium;
        } catch (Exception | AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Reads Chromium's standard error until it says where it listens, then drains the rest in the background. */
    private static String listeningAddress(Process process) throws Exception {
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> address = new CompletableFuture<>();
        StringBuilder seen = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        address.complete(m.group(1));
                    } else if (!address.isDone() && seen.length() < 4000) {
                        seen.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the browser ended
            }
            address.completeExceptionally(new AssertionError("chromium ended without a DevTools address: " + seen));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        return address.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Sends a DevTools command and waits for its result. */
    JsonNode send(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(json.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        JsonNode reply = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new AssertionError(method + " failed: " + reply.get("error"));
        }
        return reply.path("result");
    }

    /** Loads a page and waits until it has loaded. */
    void open(String url) throws Exception {
        send("Page.navigate", Map.of("url", url));
        await("the page " + url + " loaded", "document.readyState === 'complete' && location.href.startsWith('" + url + "')");
    }

    /** The value of a JavaScript expression in the page (a promise is awaited); JSON-like values come back as JSON. */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode result = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new AssertionError("the page threw on " + expression + ": " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Waits until a JavaScript condition holds in the page. */
    void await(String what, String condition) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!evaluate("Boolean(" + condition + ")").asBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + TIMEOUT + " waiting in the browser for: " + what);
            }
            Thread.sleep(100);
        }
    }

    /** A PNG of the element the CSS selector finds, as laid out now (beyond the window if need be). */
    byte[] screenshot(String selector) throws Exception {
        JsonNode box = evaluate("(() => { const r = document.querySelector(" + json.writeValueAsString(selector)
                + ").getBoundingClientRect(); return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height}; })()");
        Map<String, Object> clip = Map.of("x", box.get("x").asDouble(), "y", box.get("y").asDouble(), "width",
                box.get("width").asDouble(), "height", box.get("height").asDouble(), "scale", 1);
        JsonNode shot = send("Page.captureScreenshot", Map.of("format", "png", "clip", clip, "captureBeyondViewport", true));
        return Base64.getDecoder().decode(shot.get("data").asText());
    }

    @Override
    public void close() throws InterruptedException {
        socket.abort();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** Collects the socket's messages and completes the command each answers; events are ignored. */
    private static final class Messages implements WebSocket.Listener {
        volatile HeadlessChromium owner;
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                HeadlessChromium o = owner;
                if (o != null) {
                    try {
                        JsonNode node = o.json.readTree(message);
                        CompletableFuture<JsonNode> answer = node.has("id") ? o.pending.remove(node.get("id").asInt()) : null;
                        if (answer != null) {
                            answer.complete(node);
                        }
                    } catch (IOException e) {
                        // not JSON: nothing waits for it
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
