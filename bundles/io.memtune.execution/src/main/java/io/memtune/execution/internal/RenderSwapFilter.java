package io.memtune.execution.internal;

import java.io.IOException;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /render/*} in the moment the template bundle's endpoint leaves: Felix HTTP routes a request to a servlet,
 * and if that servlet is unregistered before the request reaches it, throws {@code ServletException("Servlet has
 * been unregistered")}, which Jetty answers with a 500 (seen for every client in flight in about one template-bundle
 * update in ten). Such a request is answered as {@link RenderUnavailableServlet} answers the ones routed a moment
 * later: 503 with {@code Retry-After}. Any other failure passes through untouched. In this bundle, not the template
 * bundle, because it must be there while that one is away.
 */
@Component(service = Filter.class)
@HttpWhiteboardFilterPattern("/render/*")
public final class RenderSwapFilter implements Filter {

    /** Felix HTTP's message (ServletHandler.handle) for a request routed to a servlet unregistered since. */
    static final String UNREGISTERED = "Servlet has been unregistered";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException e) {
            if (!UNREGISTERED.equals(e.getMessage()) || response.isCommitted() || !(response instanceof HttpServletResponse http)) {
                throw e;
            }
            http.resetBuffer();
            RenderUnavailableServlet.answer(http);
        }
    }
}
