package io.memtune.health.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class EndpointsTest {

    private final Endpoints endpoints = new Endpoints();

    @Test
    void anEndpointServedBeforeAndAwayNowIsHeldAndNoOtherPath() {
        endpoints.registered(List.of("/render/*"));
        endpoints.registered(List.of("/metrics"));
        assertNull(endpoints.awayFor("/render/acme/page.html"), "served: nothing to hold");

        endpoints.unregistered(List.of("/render/*"));

        assertEquals("/render/*", endpoints.awayFor("/render/acme/page.html"));
        assertEquals("/render/*", endpoints.awayFor("/render"));
        assertNull(endpoints.awayFor("/renderer/x"), "a prefix pattern matches whole segments");
        assertNull(endpoints.awayFor("/metrics"));
        assertNull(endpoints.awayFor("/nobody/serves/this"), "never served: a 404 at once");
    }

    @Test
    void aPathIsMemtunesWhileItsEndpointIsServedAndAfterItLeft() {
        endpoints.registered(List.of("/render/*"));
        assertEquals("/render/*", endpoints.knownFor("/render/acme/page.html"));
        assertEquals("/render/*", endpoints.servedFor("/render/acme/page.html"));
        endpoints.unregistered(List.of("/render/*"));
        assertEquals("/render/*", endpoints.knownFor("/render/acme/page.html"), "known: a request for it may be held");
        assertEquals(null, endpoints.servedFor("/render/acme/page.html"));
        assertEquals(null, endpoints.knownFor("/renderer"), "nobody's: answered at once");
    }

    @Test
    void aNewRegistrationBeforeTheOldOneLeavesKeepsItServed() {
        endpoints.registered(List.of("/render/*"));
        endpoints.registered(List.of("/render/*"));
        endpoints.unregistered(List.of("/render/*"));
        assertNull(endpoints.awayFor("/render/a/b"));
    }

    @Test
    void aHeldRequestGoesOnWhenTheEndpointIsBackOrAtItsDeadline() throws Exception {
        endpoints.registered(List.of("/render/*"));
        endpoints.unregistered(List.of("/render/*"));
        assertFalse(endpoints.awaitBack("/render/*", System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50)));

        CompletableFuture<Boolean> held = CompletableFuture.supplyAsync(() -> {
            try {
                return endpoints.awaitBack("/render/*", System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertFalse(held.isDone());
        endpoints.registered(List.of("/render/*"));
        assertTrue(held.get(5, TimeUnit.SECONDS));
    }
}
