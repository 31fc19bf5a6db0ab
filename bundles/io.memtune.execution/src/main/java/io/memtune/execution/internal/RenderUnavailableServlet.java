package io.memtune.execution.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /render/*} while the template bundle, which serves it, is away (being updated or restarted): 503 with
 * {@code Retry-After}, the documented answer clients retry on, instead of Jetty's 404 for a path nobody serves.
 * Registered at the lowest ranking, it is shadowed by the template bundle's endpoint whenever that is there (the
 * HTTP whiteboard serves the highest-ranked servlet of a pattern), and takes over the moment it leaves. It has no
 * references, so nothing it needs can be missing at that moment.
 */
@Component(service = Servlet.class, property = "service.ranking:Integer=-2147483648")
@HttpWhiteboardServletPattern("/render/*")
public final class RenderUnavailableServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final byte[] BODY = ("{\"error\":\"unavailable\",\"detail\":\"the template service is being updated"
            + " or restarted; retry in a second\"}").getBytes(StandardCharsets.UTF_8);

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(response);
    }

    /** The answer while the endpoint is away (also {@link RenderSwapFilter}'s). */
    static void answer(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "1");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json; charset=UTF-8");
        response.setContentLength(BODY.length);
        response.getOutputStream().write(BODY);
    }
}
