package io.memtune.alerting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HttpAlertSinkTest {

    @Test
    void logsShowNoPathOrQueryOfTheWebhook() {
        assertEquals("https://hooks.example.com/…",
                new HttpAlertSink("https://hooks.example.com/services/T000/B000/XXXXsecretXXXX?token=abc").redacted());
        assertEquals("http://127.0.0.1:9093/…", new HttpAlertSink("http://127.0.0.1:9093/api/v2/alerts").redacted());
        assertEquals("http://alerts", new HttpAlertSink("http://alerts").redacted());
    }
}
