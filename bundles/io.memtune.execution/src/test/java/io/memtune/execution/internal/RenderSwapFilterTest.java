package io.memtune.execution.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

class RenderSwapFilterTest {

    private final Map<String, Object> answer = new HashMap<>();

    /** A response that records its status and headers. */
    private HttpServletResponse response() {
        return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setStatus": answer.put("status", args[0]); return null;
                        case "setHeader": answer.put(args[0].toString(), args[1]); return null;
                        case "isCommitted": return false;
                        case "getOutputStream": return new ServletOutputStream() {
                            @Override
                            public void write(int b) {
                                answer.merge("bytes", 1, (a, x) -> (Integer) a + 1);
                            }

                            @Override
                            public boolean isReady() {
                                return true;
                            }

                            @Override
                            public void setWriteListener(WriteListener listener) {
                            }
                        };
                        default: return null;
                    }
                });
    }

    private static HttpServletRequest request() {
        return (HttpServletRequest) Proxy.newProxyInstance(RenderSwapFilterTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> null);
    }

    @Test
    void aRequestRoutedToTheEndpointJustUnregisteredIsAnswered503LikeTheStandIn() throws Exception {
        FilterChain unregistered = (req, res) -> {
            throw new ServletException(RenderSwapFilter.UNREGISTERED);
        };

        new RenderSwapFilter().doFilter(request(), response(), unregistered);

        assertEquals(503, answer.get("status"));
        assertEquals("1", answer.get("Retry-After"));
    }

    @Test
    void anyOtherFailurePassesThroughUntouched() {
        ServletException other = new ServletException("the template service failed");
        FilterChain failing = (req, res) -> {
            throw other;
        };

        assertSame(other, assertThrows(ServletException.class, () -> new RenderSwapFilter().doFilter(request(), response(), failing)));
        assertEquals(null, answer.get("status"));
    }
}
