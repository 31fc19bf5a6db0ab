package io.memtune.dashboard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Who may do what on the dashboard: the admin token, compared in constant time, and the read-only switch. */
class DashboardServletTest {

    private static final String TOKEN = "a-long-enough-admin-token-1234";

    /** What a request got: status and body. */
    private record Answer(int status, String body) {
    }

    private static DashboardServlet servlet(String token, boolean readOnlyOpen) {
        DashboardServlet.Config config = (DashboardServlet.Config) Proxy.newProxyInstance(
                DashboardServlet.Config.class.getClassLoader(), new Class<?>[] {DashboardServlet.Config.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "admin_token" -> token;
                    case "readonly_open" -> readOnlyOpen;
                    case "render_rate_interval_ms" -> 60_000L;
                    default -> method.getDefaultValue();
                });
        return new DashboardServlet(config);
    }

    private static HttpServletRequest request(String path, String authorization, Map<String, String> parameters) {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getPathInfo" -> path;
                    case "getHeader" -> "Authorization".equals(args[0]) ? authorization : null;
                    case "getParameter" -> parameters.get((String) args[0]);
                    default -> null;
                });
    }

    private static Answer call(boolean post, DashboardServlet servlet, HttpServletRequest request) throws IOException {
        int[] status = {200};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }

            @Override
            public void write(int b) {
                body.write(b);
            }
        };
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(HttpServletResponse.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setStatus" -> status[0] = (Integer) args[0];
                        case "getOutputStream" -> {
                            return out;
                        }
                        default -> {
                        }
                    }
                    return null;
                });
        if (post) {
            servlet.doPost(request, response);
        } else {
            servlet.doGet(request, response);
        }
        return new Answer(status[0], body.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withNoTokenConfiguredAdminActionsAreOffAnd403() throws IOException {
        Answer a = call(true, servlet("", true), request("/api/actions/profile", "Bearer ", Map.of("kind", "histogram")));
        assertEquals(403, a.status());
        assertTrue(a.body().contains("no admin token is configured"), a.body());
        assertEquals(403, call(false, servlet("", true), request("/api/profiles/p1", "Bearer x", Map.of())).status());
    }

    @Test
    void aMissingWrongOrDifferentLengthTokenIs401() throws IOException {
        DashboardServlet servlet = servlet(TOKEN, true);
        for (String header : new String[] {null, "Bearer wrong", "Bearer " + TOKEN + "x", "Bearer " + TOKEN.substring(1),
                TOKEN, "Basic " + TOKEN}) {
            assertEquals(401, call(true, servlet, request("/api/actions/profile", header, Map.of("kind", "histogram"))).status(),
                    String.valueOf(header));
        }
    }

    @Test
    void theRightTokenPassesTheCheck() throws IOException {
        // past authorization: no profiler is bound in this test, so the action answers 503, not 401
        Answer a = call(true, servlet(TOKEN, true), request("/api/actions/profile", "Bearer " + TOKEN, Map.of("kind", "histogram")));
        assertEquals(503, a.status(), a.body());
    }

    @Test
    void profileDownloadsNeedTheToken() throws IOException {
        assertEquals(401, call(false, servlet(TOKEN, true), request("/api/profiles/p1", null, Map.of())).status());
        assertEquals(404, call(false, servlet(TOKEN, true), request("/api/profiles/p1", "Bearer " + TOKEN, Map.of())).status());
    }

    @Test
    void tunerApplyAndRollbackNeedTheTokenAndSayWhyWhenRefused() throws IOException {
        for (String action : new String[] {"/api/actions/tuner/apply", "/api/actions/tuner/rollback"}) {
            Answer without = call(true, servlet(TOKEN, true), request(action, null, Map.of("id", "executor-workers:render")));
            assertEquals(401, without.status(), action);
            assertTrue(without.body().contains("\"error\":\"unauthorized\"") && without.body().contains("Bearer"), without.body());
            Answer off = call(true, servlet("", true), request(action, "Bearer ", Map.of("id", "x")));
            assertEquals(403, off.status(), action);
            assertTrue(off.body().contains("no admin token is configured"), off.body());
            // past authorization: no tuner is bound in this test, so 503, not 401
            assertEquals(503, call(true, servlet(TOKEN, true), request(action, "Bearer " + TOKEN, Map.of("id", "x"))).status());
        }
    }

    @Test
    void anUnknownActionIs404NamingTheActions() throws IOException {
        Answer a = call(true, servlet(TOKEN, true), request("/api/actions/reboot", "Bearer " + TOKEN, Map.of()));
        assertEquals(404, a.status());
        assertTrue(a.body().contains("/api/actions/tuner/rollback"), a.body());
    }

    @Test
    void everyViewAnswersWithItsServicesAway() throws IOException {
        for (String view : new String[] {"overview", "series", "charts", "alerts", "alertHistory", "profiles", "pools",
            "executors", "templates", "memory", "recommendations", "tuner"}) {
            assertEquals(200, call(false, servlet(TOKEN, true), request("/api/" + view, null, Map.of())).status(), view);
        }
        assertEquals(404, call(false, servlet(TOKEN, true), request("/api/nothing", null, Map.of())).status());
    }

    @Test
    void readOnlyViewsNeedTheTokenWhenNotOpen() throws IOException {
        assertEquals(200, call(false, servlet(TOKEN, true), request("/api/alerts", null, Map.of())).status());
        assertEquals(401, call(false, servlet(TOKEN, false), request("/api/alerts", null, Map.of())).status());
        assertEquals(200, call(false, servlet(TOKEN, false), request("/api/alerts", "Bearer " + TOKEN, Map.of())).status());
    }
}
