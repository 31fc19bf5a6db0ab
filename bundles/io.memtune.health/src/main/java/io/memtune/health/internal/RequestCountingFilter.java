package io.memtune.health.internal;

import java.io.IOException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

import io.memtune.health.core.RequestTracker;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/**
 * Counts every request from the moment it is dispatched until its answer is complete (no endpoint here answers
 * asynchronously), so that a drain knows what is still being served. First in the chain: the whole time counts.
 */
@Component(service = Filter.class, property = "service.ranking:Integer=2147483647")
@HttpWhiteboardFilterPattern("/*")
public final class RequestCountingFilter implements Filter {

    private final RequestTracker tracker;

    @Activate
    public RequestCountingFilter(@Reference RequestTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        tracker.enter();
        try {
            chain.doFilter(request, response);
        } finally {
            tracker.leave();
        }
    }
}
