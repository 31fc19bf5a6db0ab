package io.memtune.api.profiler;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Heap and GC statistics now and over time, and profiles captured on demand or during peaks. */
@ProviderType
public interface MemoryProfiler {

    /** The JVM's memory now (rates over the time since the previous snapshot). */
    MemorySnapshot snapshot();

    /** The snapshots taken on the interval, oldest first (a bounded number). */
    List<MemorySnapshot> recentSnapshots();

    /** The classes taking the most heap now (live objects: this forces a full GC), largest first. */
    List<ClassHistogramEntry> histogram(int top);

    /**
     * Captures a profile now and stores it within the disk budget (a heap dump of live objects, for
     * {@link ProfileKind#HEAP_DUMP}).
     *
     * @param trigger why, for the listing (e.g. {@code manual}, {@code occupancy 0.91 > 0.85})
     * @throws IOException when the profile cannot be written (the directory, the disk); nothing partial stays
     */
    ProfileInfo capture(ProfileKind kind, String trigger) throws IOException;

    /**
     * Dumps the heap (HPROF), the histogram of the same moment as its summary.
     *
     * @param live only reachable objects (forces a full GC first) rather than every object in the heap
     */
    ProfileInfo heapDump(boolean live, String trigger) throws IOException;

    /** The stored profiles, newest first. */
    List<ProfileInfo> profiles();

    Optional<ProfileInfo> profile(String id);

    /** Deletes a profile and its file; false when there is none by that id. */
    boolean delete(String id) throws IOException;

    /** Starts a JFR recording of memory and allocation events (one at a time). */
    void startRecording() throws IOException;

    /** Stops the JFR recording and stores it as a profile. */
    ProfileInfo stopRecording(String trigger) throws IOException;

    /** Stores what the running recording holds so far, which goes on. */
    ProfileInfo dumpRecording(String trigger) throws IOException;

    boolean recording();
}
