package io.memtune.benchmarks.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The environment file of a measured container: the shipped one ({@code config/environments/dev.json}) with only the
 * template service's mode and the HTTP port changed. The render executor, the optimizer, the profiler, the alerting
 * and everything else run as an operator gets them, on both sides alike.
 */
final class ShippedEnvironment {

    static final String TEMPLATE_PID = "io.memtune.template";
    static final String HTTP_PID = "org.apache.felix.http";
    static final String WARM_UP_PID = "io.memtune.http.warmup";

    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();

    private ShippedEnvironment() {
    }

    /** {@code shipped} (JSON with comments) with {@code mode} and {@code port} set; the comments are not kept. */
    static String derive(String shipped, String mode, int port) {
        JsonNode root;
        try {
            root = JSON.readTree(shipped);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the shipped environment file is not JSON: " + e.getOriginalMessage(), e);
        }
        ObjectNode template = section(root, TEMPLATE_PID);
        ObjectNode http = section(root, HTTP_PID);
        template.put("mode", mode);
        http.put("org.osgi.service.http.port", port);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree just read is always writable", e);
        }
    }

    /**
     * {@code environment} (as {@link #derive} wrote it) with the container's warm-up switched off: for a container
     * that is only asked for its outputs, never timed.
     */
    static String withoutWarmUp(String environment) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(environment);
            root.putObject(WARM_UP_PID).put("warmup.seconds", 0);
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalArgumentException("not an environment file derive wrote: " + e.getMessage(), e);
        }
    }

    private static ObjectNode section(JsonNode root, String pid) {
        if (!(root instanceof ObjectNode) || !(root.get(pid) instanceof ObjectNode section)) {
            throw new IllegalArgumentException("the shipped environment file has no \"" + pid + "\" object to change");
        }
        return section;
    }
}
