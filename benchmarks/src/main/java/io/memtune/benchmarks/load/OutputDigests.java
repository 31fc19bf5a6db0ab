package io.memtune.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a container answers to every request of a corpus, once each: status and SHA-256 of the body. Both modes must
 * answer every page 200 with the same bytes before their speed is compared: a faster wrong page is no result.
 */
final class OutputDigests {

    /** One page's answer. */
    record Answer(int status, String sha256) {
    }

    private OutputDigests() {
    }

    static Map<String, Answer> collect(int port, List<LoadTarget> targets) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, Answer> answers = new LinkedHashMap<>();
        for (LoadTarget target : targets) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + target.path())).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofFile(target.body())).build(), HttpResponse.BodyHandlers.ofByteArray());
            answers.put(target.path(), new Answer(response.statusCode(), sha256(response.body())));
        }
        return answers;
    }

    /**
     * The digest over every page (in order) when both modes answered every page 200 with the same bytes; an error
     * listing the pages that differ or failed otherwise.
     */
    static String requireIdentical(String corpus, Map<String, Answer> baseline, Map<String, Answer> optimized) {
        List<String> wrong = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (Map.Entry<String, Answer> e : baseline.entrySet()) {
            Answer b = e.getValue();
            Answer o = optimized.get(e.getKey());
            if (b.status() != 200 || o == null || !b.equals(o)) {
                wrong.add(e.getKey() + ": baseline " + b + ", optimized " + o);
            }
            all.append(b.sha256());
        }
        if (!wrong.isEmpty() || baseline.size() != optimized.size()) {
            throw new IllegalStateException("corpus " + corpus + ": the modes do not render alike (" + wrong.size() + " of "
                    + baseline.size() + " pages; nothing measured):\n  " + String.join("\n  ", wrong.subList(0,
                            Math.min(20, wrong.size()))));
        }
        return sha256(all.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
