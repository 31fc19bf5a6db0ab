package io.memtune.profiler.core;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.JMException;
import javax.management.ObjectName;

import io.memtune.api.profiler.ClassHistogramEntry;

/**
 * The class histogram of live objects, through the JVM's DiagnosticCommand MBean ({@code GC.class_histogram},
 * what {@code jcmd} runs): it forces a full collection first, so it is a capture, not a sample.
 */
public final class ClassHistograms {

    private static final Pattern LINE = Pattern.compile("^\\s*(\\d+):\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");

    private ClassHistograms() {
    }

    /** The histogram as the JVM prints it. */
    public static String capture() {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            return String.valueOf(text);
        } catch (JMException e) {
            throw new IllegalStateException("this JVM offers no class histogram (DiagnosticCommand MBean): " + e, e);
        }
    }

    /** The first {@code top} lines of a histogram, parsed. */
    public static List<ClassHistogramEntry> parse(String histogram, int top) {
        List<ClassHistogramEntry> entries = new ArrayList<>();
        for (String line : histogram.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                entries.add(new ClassHistogramEntry(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)),
                        Long.parseLong(m.group(3)), m.group(4)));
                if (entries.size() >= top) {
                    break;
                }
            }
        }
        return entries;
    }
}
