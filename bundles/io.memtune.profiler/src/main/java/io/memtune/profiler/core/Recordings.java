package io.memtune.profiler.core;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.text.ParseException;

import com.sun.management.HotSpotDiagnosticMXBean;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * JFR recordings of memory and allocation (the JDK's {@code jdk.jfr} API: the "default" settings plus
 * allocation samples and old-object samples), one at a time, and HPROF heap dumps.
 */
public final class Recordings {

    private Recording recording;

    public synchronized boolean running() {
        return recording != null;
    }

    public synchronized void start() throws IOException {
        if (recording != null) {
            throw new IllegalStateException("a JFR recording is already running: stop or dump it first");
        }
        try {
            Recording r = new Recording(Configuration.getConfiguration("default"));
            r.enable("jdk.ObjectAllocationSample").with("throttle", "150/s");
            r.enable("jdk.OldObjectSample").with("cutoff", "0 ns");
            r.setName("memtune");
            r.setToDisk(true);
            r.start();
            recording = r;
        } catch (ParseException e) {
            throw new IOException("the JDK's JFR settings cannot be read: " + e.getMessage(), e);
        }
    }

    /** Writes what the recording holds to {@code target}; the recording goes on. */
    public synchronized void dump(Path target) throws IOException {
        if (recording == null) {
            throw new IllegalStateException("no JFR recording is running: start one first");
        }
        recording.dump(target);
    }

    /** Stops the recording and writes it to {@code target}. */
    public synchronized void stop(Path target) throws IOException {
        if (recording == null) {
            throw new IllegalStateException("no JFR recording is running: start one first");
        }
        try {
            recording.stop();
            recording.dump(target);
        } finally {
            recording.close();
            recording = null;
        }
    }

    public synchronized void close() {
        if (recording != null) {
            recording.close();
            recording = null;
        }
    }

    /** An HPROF heap dump to {@code target} (which must not exist yet). */
    public static void dumpHeap(Path target, boolean live) throws IOException {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        hotspot.dumpHeap(target.toString(), live);
    }
}
