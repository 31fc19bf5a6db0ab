package io.memtune.api.execution;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import io.memtune.api.concurrency.RejectedException;
import io.memtune.api.template.TemplateException;

/**
 * Renders requests the memory-lean way: admitted by the concurrency manager (its adaptive limit and memory
 * line), rendered into a pooled, bounded buffer and streamed to the response (no whole page as a
 * {@code String}), JSON contexts read keeping only what the template reads; batches in parallel on the batch
 * class, in order, a failure reported for its item only.
 */
@ProviderType
public interface TemplateExecutor {

    /**
     * @throws RejectedException when not admitted (answer 503 with its retry-after)
     * @throws TemplateException for the template or the context (nothing was sent)
     * @throws IOException from the sink
     */
    void render(String tenant, String template, InputStream json, ResponseSink sink) throws IOException;

    /**
     * @param json a JSON array of context objects
     * @throws TemplateException when the template itself is missing or the body is not an array of objects
     * @throws RejectedException when the batch class is full (the whole batch is to be retried)
     */
    List<BatchItem> renderBatch(String tenant, String template, InputStream json);

    /**
     * Whether a render ({@code batch}: a batch) would be refused if it were asked for now: the endpoint asks before it
     * reads the request's body, so that under overload a refusal costs the least it can.
     *
     * @return the refusal, or null when it would be taken now
     * @since 1.1
     */
    default RejectedException refusalNow(boolean batch) {
        return null;
    }

    ExecutionStatistics statistics();
}
