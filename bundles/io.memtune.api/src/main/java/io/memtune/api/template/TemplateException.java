package io.memtune.api.template;

/**
 * Why a template could not be rendered, with where: tenant, template, and for compile errors the line and
 * column. The message is written for the person who can fix it (the template author or the caller).
 */
public class TemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, which decides how an HTTP endpoint answers. */
    public enum Kind {
        /** No such tenant, template, partial or parent. */
        NOT_FOUND,
        /** The context is not usable: malformed JSON, not a JSON object, too large, too deep. */
        BAD_CONTEXT,
        /** The template (or one it includes) does not compile: syntax, a cycle of partials or parents. */
        COMPILE_ERROR,
        /** Rendering failed at run time. */
        RENDER_ERROR,
        /**
         * Nothing was rendered because the service is stopping (its bundle is being updated, its configuration
         * changed): the same request succeeds on the service that replaces it. Since 1.3.
         */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String tenant;
    private final String template;
    private final int line;
    private final int column;

    public TemplateException(Kind kind, String tenant, String template, int line, int column, String message,
            Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.tenant = tenant;
        this.template = template;
        this.line = line;
        this.column = column;
    }

    public TemplateException(Kind kind, String tenant, String template, String message) {
        this(kind, tenant, template, 0, 0, message, null);
    }

    public Kind kind() {
        return kind;
    }

    public String tenant() {
        return tenant;
    }

    public String template() {
        return template;
    }

    /** 1-based line in {@link #template()} (or the file named in the message), 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column, 0 when unknown. */
    public int column() {
        return column;
    }
}
