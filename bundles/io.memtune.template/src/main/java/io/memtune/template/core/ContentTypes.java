package io.memtune.template.core;

import java.util.Locale;
import java.util.Map;

/** The content type of a template's output, from its secondary extension ({@code page.html} is HTML). */
public final class ContentTypes {

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("html", "text/html"), Map.entry("htm", "text/html"), Map.entry("txt", "text/plain"),
            Map.entry("xml", "application/xml"), Map.entry("json", "application/json"), Map.entry("css", "text/css"),
            Map.entry("js", "text/javascript"), Map.entry("csv", "text/csv"), Map.entry("md", "text/markdown"),
            Map.entry("svg", "image/svg+xml"), Map.entry("ics", "text/calendar"), Map.entry("eml", "message/rfc822"),
            Map.entry("yaml", "application/yaml"), Map.entry("yml", "application/yaml"));

    private ContentTypes() {
    }

    /** With {@code ; charset=UTF-8}; {@code text/plain} when the name has no known extension. */
    public static String of(String name) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        String type = dot > slash ? BY_EXTENSION.get(name.substring(dot + 1).toLowerCase(Locale.ROOT)) : null;
        return (type == null ? "text/plain" : type) + "; charset=UTF-8";
    }

    /** The bare media type of a file name, or null when unknown (static files). */
    public static String mediaType(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        String extension = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        switch (extension) {
            case "png": return "image/png";
            case "jpg": case "jpeg": return "image/jpeg";
            case "gif": return "image/gif";
            case "webp": return "image/webp";
            case "ico": return "image/x-icon";
            case "woff": return "font/woff";
            case "woff2": return "font/woff2";
            case "pdf": return "application/pdf";
            case "map": return "application/json";
            case "wasm": return "application/wasm";
            default: return BY_EXTENSION.get(extension);
        }
    }
}
