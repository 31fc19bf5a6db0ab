package io.memtune.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Tools that use memtune's bundles as plain Java, without starting the container: the jars they need are
 * taken from the installation's {@code bundle/} directories into a class loader of their own (the
 * launcher's class path has only the launcher and the framework).
 */
final class Tools {

    /** Jars the analyzer needs, by the start of their file names. */
    private static final List<String> ANALYZER_JARS = List.of("io.memtune.api-", "io.memtune.template-",
            "io.memtune.optimizer-", "caffeine-", "jackson-core-", "jackson-databind-", "jackson-annotations-");

    private Tools() {
    }

    static int analyze(Path home, List<String> args, PrintStream out, PrintStream err) {
        try (URLClassLoader loader = loader(home, ANALYZER_JARS)) {
            Class<?> analyzer = loader.loadClass("io.memtune.launcher.analyze.TemplateAnalyzer");
            return (Integer) analyzer.getMethod("run", List.class, PrintStream.class, PrintStream.class).invoke(null, args, out, err);
        } catch (InvocationTargetException e) {
            err.println("memtune analyze: " + e.getCause());
            return 1;
        } catch (IOException | ReflectiveOperationException | URISyntaxException | IllegalStateException e) {
            err.println("memtune analyze: cannot load the analyzer from " + home.resolve("bundle") + ": " + e);
            return 1;
        }
    }

    private static URLClassLoader loader(Path home, List<String> prefixes) throws IOException, URISyntaxException {
        List<URL> urls = new ArrayList<>();
        urls.add(Tools.class.getProtectionDomain().getCodeSource().getLocation());
        List<Path> jars;
        try (Stream<Path> files = Files.walk(home.resolve("bundle"))) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).toList();
        }
        for (String prefix : prefixes) {
            Path jar = jars.stream().filter(j -> j.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + prefix + "*.jar under " + home.resolve("bundle")));
            urls.add(toUrl(jar));
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static URL toUrl(Path jar) throws MalformedURLException {
        return jar.toUri().toURL();
    }
}
