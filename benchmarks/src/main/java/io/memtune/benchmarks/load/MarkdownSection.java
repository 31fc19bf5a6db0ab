package io.memtune.benchmarks.load;

/**
 * The generated part of a Markdown document: whatever lies between two HTML comments (invisible when rendered)
 * is replaced, the rest of the document is kept byte for byte, so hand-written text around the report survives
 * every regeneration.
 */
final class MarkdownSection {

    static final String START = "<!-- load-report:start -->";
    static final String END = "<!-- load-report:end -->";

    private MarkdownSection() {
    }

    /**
     * The document with the text between the markers replaced by {@code content}. A document without the markers
     * gets them, around the content, at its end. Markers out of order, or one without the other, are an error:
     * guessing where a half-edited section ends could delete hand-written text.
     */
    static String replace(String document, String content) {
        return replace(document, content, START, END);
    }

    /** The same between other markers (a document with more than one generated section). */
    static String replace(String document, String content, String startMarker, String endMarker) {
        int start = document.indexOf(startMarker);
        int end = document.indexOf(endMarker);
        String body = content.endsWith("\n") ? content : content + "\n";
        if (start < 0 && end < 0) {
            return document + (document.isEmpty() || document.endsWith("\n") ? "" : "\n") + "\n" + startMarker + "\n" + body + endMarker + "\n";
        }
        if (start < 0 || end < 0 || end < start || document.indexOf(startMarker, start + 1) >= 0 || document.indexOf(endMarker, end + 1) >= 0) {
            throw new IllegalArgumentException("the document must hold " + startMarker + " once, then " + endMarker + " once");
        }
        return document.substring(0, start + startMarker.length()) + "\n" + body + document.substring(end);
    }
}
