package io.memtune.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SoakSampleTest {

    /** The end of jcmd GC.class_histogram (JDK 17; JDK 25 prints the same). */
    private static final String HISTOGRAM = """
            2287:             1             16  sun.util.locale.provider.LocaleResources$ResourceReference (java.base@17.0.15)
            2288:             1             16  sun.util.resources.cldr.provider.CLDRLocaleDataMetaInfo (jdk.localedata@17.0.15)
            Total        244056       13159080
            """;

    /** jcmd VM.classloader_stats on JDK 17: a bundle's loader, two reflection loaders, the boot loader with hidden classes. */
    private static final String CLASSLOADER_STATS = """
            17749:
            ClassLoader         Parent              CLD*               Classes   ChunkSz   BlockSz  Type
            0x00007f04c80361b0  0x0000000000000000  0x00007f050c06fda0      29     20992     19312  org.apache.felix.framework.BundleWiringImpl$BundleClassLoader
            0x00007f04c8036f10  0x00007f04c80361b0  0x00007f050c8a6a10       1      1024       600  jdk.internal.reflect.DelegatingClassLoader
            0x00007f04c8036f38  0x00007f04c80361b0  0x00007f050c8a6b70       1      1024       600  jdk.internal.reflect.DelegatingClassLoader
            0x0000000000000000  0x0000000000000000  0x00007f22480daad0    1151    557056    229962  <boot class loader>
                                                                            32     12288      7322   + hidden classes
            Total = 4                                                     1214    591360    257796
            ChunkSz: Total size of all allocated metaspace chunks
            BlockSz: Total size of all allocated metaspace blocks (each chunk has several blocks)
            """;

    @Test
    void theLiveHeapIsTheHistogramsTotalBytes() {
        assertEquals(13_159_080, SoakSample.liveHeap(HISTOGRAM));
    }

    @Test
    void classLoadersAreCountedWithTheJdksReflectionLoadersApartAndHiddenClassesAmongTheClasses() {
        SoakSample.ClassLoaders loaders = SoakSample.classLoaders(CLASSLOADER_STATS);
        assertEquals(new SoakSample.ClassLoaders(4, 2, 1214), loaders);
    }

    @Test
    void anOutputWithoutItsTotalIsAnErrorNotAZero() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SoakSample.liveHeap("1234: Connection refused"));
        assertTrue(e.getMessage().startsWith("GC.class_histogram printed no total line: 1234: Connection refused"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> SoakSample.classLoaders(HISTOGRAM));
    }

    @Test
    void sampleOfThisJvmReadsEveryFigure() throws Exception {
        long pid = ProcessHandle.current().pid();
        SoakSample s = SoakSample.of(pid, 1.5);
        assertEquals(1.5, s.second());
        assertTrue(s.liveHeapBytes() > 1 << 20 && s.liveHeapBytes() < Runtime.getRuntime().maxMemory(), "live heap " + s.liveHeapBytes());
        assertTrue(s.threads() >= Thread.activeCount(), "threads " + s.threads());
        assertTrue(s.openFiles() >= 3, "open files " + s.openFiles());
        assertTrue(s.classes() > 1000 && s.classLoaders() >= 3, s.classes() + " classes, " + s.classLoaders() + " loaders");
        assertTrue(s.rssBytes() > 10 << 20, "RSS " + s.rssBytes());
    }
}
