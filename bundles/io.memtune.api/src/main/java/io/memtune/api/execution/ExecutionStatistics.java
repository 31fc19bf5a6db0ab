package io.memtune.api.execution;

/**
 * The execution optimizer so far.
 *
 * @param renders pages rendered
 * @param streamed of them, pages larger than the held-back buffer, sent while rendering
 * @param failed renders that failed (before anything was sent, unless streamed)
 * @param bytes bytes sent
 * @param batchItems batch items rendered
 * @param bufferChars the held-back buffer, in characters
 */
public record ExecutionStatistics(long renders, long streamed, long failed, long bytes, long batchItems, int bufferChars) {
}
