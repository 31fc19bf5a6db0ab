package io.memtune.shell.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** {@code memtune:deploy}: the deploy folder, file by file, with the bundle each became or why not. */
@Component(service = DeployCommand.class, property = {
        "osgi.command.scope=memtune",
        "osgi.command.function=deploy" })
public final class DeployCommand {

    private final BundleContext context;
    private final DeployFolderInspector inspector;

    @Activate
    public DeployCommand(BundleContext context) {
        this.context = context;
        this.inspector = new DeployFolderInspector(this::whyNotRunning);
    }

    @Descriptor("lists the deploy folder's jars: the bundle each became and its state, or why it did not run"
            + " (corrupt, not a bundle, unresolved requirements, a failing activator, another version first, the same"
            + " bundle as another file); then the bundles present in more than one file")
    public String deploy() throws Exception {
        String folder = context.getProperty("felix.fileinstall.dir");
        if (folder == null) {
            return "no deploy folder: FileInstall is not configured (felix.fileinstall.dir)\n";
        }
        if (!Files.isDirectory(Path.of(folder))) {
            return "deploy folder " + folder + " (felix.fileinstall.dir) does not exist or is not a directory\n";
        }
        List<InstalledBundle> bundles = Arrays.stream(context.getBundles()).map(InstalledBundle::of).toList();
        List<DeployedFile> files = inspector.inspect(Path.of(folder), bundles);
        StringBuilder out = new StringBuilder("deploy folder " + folder + "\n");
        if (files.isEmpty()) {
            return out.append("  (no .jar file)\n").toString();
        }
        for (DeployedFile f : files) {
            String bundle = f.identity() == null ? "" : (f.bundleId() < 0 ? "" : "[" + f.bundleId() + "] ") + f.identity();
            out.append(String.format(Locale.ROOT, "  %-32s %10d B  %-13s %s%n", f.file(), f.bytes(), f.state(), bundle));
            if (f.problem() != null) {
                out.append("      ").append(f.problem()).append('\n');
            }
        }
        List<String> duplicates = DuplicateBundles.in(files);
        if (!duplicates.isEmpty()) {
            out.append("the same bundle in several files:\n");
            duplicates.forEach(d -> out.append("  ").append(d).append('\n'));
        }
        return out.toString();
    }

    /**
     * The framework's own words: a transient start, as FileInstall attempts at every poll; when it fails, its
     * message names the missing requirement or the activator's failure (and its cause). When it now succeeds,
     * the bundle simply runs.
     */
    private String whyNotRunning(InstalledBundle installed) {
        Bundle bundle = context.getBundle(installed.id());
        if (bundle == null) {
            return "uninstalled while this report was made";
        }
        try {
            bundle.start(Bundle.START_TRANSIENT);
            return null;
        } catch (BundleException | IllegalStateException e) {
            return e.getCause() == null ? e.getMessage() : e.getMessage() + ": " + e.getCause();
        }
    }
}
