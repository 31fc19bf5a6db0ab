package io.memtune.http.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.memtune.api.template.TemplateException;
import jakarta.servlet.http.HttpServletResponse;

/**
 * How the HTTP endpoints answer when something is wrong: a JSON body {@code {"error": code, "detail":
 * message}} with the status that says who must act, never a stack trace.
 */
final class ErrorResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorResponses() {
    }

    static void send(HttpServletResponse response, int status, String error, String detail) throws IOException {
        send(response, status, error, detail, Map.of());
    }

    static void send(HttpServletResponse response, int status, String error, String detail, Map<String, String> headers)
            throws IOException {
        if (response.isCommitted()) {
            return; // too late for a status: the client sees a truncated body
        }
        response.reset();
        response.setStatus(status);
        headers.forEach(response::setHeader);
        response.setContentType("application/json; charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("detail", detail);
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }

    static void send(HttpServletResponse response, TemplateException e) throws IOException {
        send(response, status(e.kind()), code(e.kind()), e.getMessage(),
                e.kind() == TemplateException.Kind.UNAVAILABLE ? Map.of("Retry-After", "1") : Map.of());
    }

    static int status(TemplateException.Kind kind) {
        switch (kind) {
            case NOT_FOUND: return HttpServletResponse.SC_NOT_FOUND;
            case BAD_CONTEXT: return HttpServletResponse.SC_BAD_REQUEST;
            case UNAVAILABLE: return HttpServletResponse.SC_SERVICE_UNAVAILABLE;
            default: return 422;
        }
    }

    static String code(TemplateException.Kind kind) {
        switch (kind) {
            case NOT_FOUND: return "not_found";
            case BAD_CONTEXT: return "bad_context";
            case COMPILE_ERROR: return "compile_error";
            case UNAVAILABLE: return "unavailable";
            default: return "render_error";
        }
    }

    /** A JSON object for one failed batch item. */
    static Map<String, String> item(TemplateException e) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code(e.kind()));
        body.put("detail", e.getMessage());
        return body;
    }
}
